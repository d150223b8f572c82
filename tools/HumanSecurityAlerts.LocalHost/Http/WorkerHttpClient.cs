using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// The connection pool to the worker's HTTP endpoint: no proxy, no redirects, no cookies, no decompression, as a
/// forwarder needs; a refused connection is retried (<see cref="ConnectRetryHandler"/>).
/// </summary>
internal sealed class WorkerHttpClient() : HttpMessageInvoker(new ConnectRetryHandler(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
    ConnectTimeout = TimeSpan.FromSeconds(15),
}));
