using Yarp.ReverseProxy.Forwarder;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// The request as the client sent it, plus what the Functions host adds when it proxies to the worker: the invocation id
/// that ties the request to its InvocationRequest, and X-Forwarded-* (the worker's ASP.NET Core integration applies them).
/// </summary>
internal sealed class InvocationTransformer(string invocationId) : HttpTransformer
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Add(InvocationIdHeader, invocationId);
        proxyRequest.Headers.Add("X-Forwarded-Host", httpContext.Request.Host.Value);
        proxyRequest.Headers.Add("X-Forwarded-Proto", httpContext.Request.Scheme);
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            proxyRequest.Headers.Add("X-Forwarded-For", client.ToString());
        }
    }
}
