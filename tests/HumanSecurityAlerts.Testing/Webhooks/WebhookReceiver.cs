using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Testing.Webhooks;

/// <summary>A loopback HTTP server (Kestrel) hosting one <see cref="WebhookEndpoint"/> per test.</summary>
/// <remarks>On 127.0.0.1 unless told otherwise: another loopback address (127.0.0.2) stands for a second host.</remarks>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WebhookEndpoint> endpoints = new(StringComparer.Ordinal);
    private readonly WebApplication app;

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<WebhookReceiver> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 16 * 1024 * 1024);
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        receiver = new WebhookReceiver(app, new Uri(app.Urls.Single()));
        return receiver;
    }

    public WebhookEndpoint CreateEndpoint(string name = "hook")
    {
        var path = $"/{name}/{Guid.NewGuid():N}";
        var endpoint = new WebhookEndpoint(new Uri(BaseAddress, path));
        endpoints[path] = endpoint;
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!endpoints.TryGetValue(path, out var endpoint))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var reply = endpoint.Record(new RecordedRequest(context.Request.Method, path, headers, body.ToArray(), DateTimeOffset.UtcNow));

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.ResetConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            await context.Response.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
