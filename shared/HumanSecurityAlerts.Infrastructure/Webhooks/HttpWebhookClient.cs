using System.Net.Http.Headers;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Http;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>Signs (Standard Webhooks) and posts through the guarded <see cref="WebhookHttp.ClientName"/> client; classifies the outcome for retries.</summary>
internal sealed class HttpWebhookClient(IHttpClientFactory factory, IOptions<WebhookOptions> options) : IWebhookClient
{
    public async Task<WebhookCallResult> PostAsync(WebhookCall request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var scheme = request.Url.Scheme;
        if (!request.Url.IsAbsoluteUri || !(scheme == Uri.UriSchemeHttps || (scheme == Uri.UriSchemeHttp && settings.AllowPrivateNetworks)))
        {
            return new WebhookCallResult(WebhookCallOutcome.Refused, null, null, "Only https URLs are allowed.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout ?? settings.Timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ReadOnlyMemoryContent(request.Body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in WebhookSigner.Headers(request.MessageId, request.Timestamp, request.Body.Span, request.Secrets))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        // The delivery attempt's span, so the receiver can join the release's trace (set here, not left to HttpClient, which
        // only propagates while someone listens to its own diagnostics).
        if (ServiceTelemetry.CurrentTraceParent() is { } traceParent)
        {
            message.Headers.TryAddWithoutValidation("traceparent", traceParent);
        }

        try
        {
            var client = factory.CreateClient(WebhookHttp.ClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var text = await BoundedBody.ReadTextAsync(response.Content, settings.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
            var outcome = status switch
            {
                >= 200 and < 300 => WebhookCallOutcome.Delivered,
                408 or 429 or >= 500 => WebhookCallOutcome.Transient,
                _ => WebhookCallOutcome.Permanent,
            };
            return new WebhookCallResult(outcome, status, text, outcome == WebhookCallOutcome.Delivered ? null : $"HTTP {status}", RetryAfter(response));
        }
        catch (HttpRequestException e) when (WebhookHttp.FindRefusal(e) is { } refusal)
        {
            return new WebhookCallResult(WebhookCallOutcome.Refused, null, null, refusal.Message);
        }
        catch (HttpRequestException e)
        {
            return new WebhookCallResult(WebhookCallOutcome.Transient, null, null, "Connection failed (" + e.HttpRequestError + ").");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookCallResult(WebhookCallOutcome.Transient, null, null, "Timed out.");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d && d > TimeSpan.Zero ? d : null;
    }
}
