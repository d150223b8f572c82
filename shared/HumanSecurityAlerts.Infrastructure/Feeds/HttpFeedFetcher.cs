using System.Net;
using HumanSecurityAlerts.Http;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Options;
using Polly;

namespace HumanSecurityAlerts.Feeds;

/// <summary>
/// Conditional GET of a feed through the named client <see cref="ClientName"/> (standard resilience handler: a few
/// retries with backoff, a circuit breaker per host; connections, redirect hops included, only to addresses the
/// <see cref="IOutboundAddressPolicy"/> allows). The whole fetch is bounded by <see cref="FeedsOptions.Timeout"/>
/// and the body by <see cref="FeedsOptions.MaxBytes"/>, checked while streaming.
/// </summary>
internal sealed class HttpFeedFetcher(IHttpClientFactory clients, IOptions<FeedsOptions> options) : IFeedFetcher
{
    public const string ClientName = "feeds";

    public async Task<FeedFetchResult> FetchAsync(Uri url, FeedValidators previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(previous);
        var o = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.Timeout);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (!string.IsNullOrEmpty(previous.ETag))
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", previous.ETag);
        }

        if (!string.IsNullOrEmpty(previous.LastModified))
        {
            request.Headers.TryAddWithoutValidation("If-Modified-Since", previous.LastModified);
        }

        try
        {
            var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FeedFetchResult(NotModified: true, null, previous);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException($"The feed answered HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > o.MaxBytes)
            {
                throw new FeedFetchException($"The feed declares {response.Content.Headers.ContentLength} bytes, over the limit of {o.MaxBytes}.");
            }

            var content = await BoundedBody.ReadBytesAsync(response.Content, (int)Math.Min(o.MaxBytes, Array.MaxLength - 1), timeout.Token).ConfigureAwait(false);
            var validators = new FeedValidators(
                response.Headers.ETag?.ToString(),
                response.Content.Headers.TryGetValues("Last-Modified", out var lastModified) ? lastModified.FirstOrDefault() : null);
            return new FeedFetchResult(NotModified: false, content, validators);
        }
        catch (BoundedBodyTooLargeException e)
        {
            throw new FeedFetchException($"The feed is larger than the limit of {o.MaxBytes} bytes.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException($"The feed did not answer within {o.Timeout}.", e);
        }
        catch (HttpRequestException e) when (WebhookHttp.IsRefusal(e))
        {
            throw new FeedFetchException("The feed, or a redirect it answered with, points at a loopback, private, link-local or metadata address: refused.", e);
        }
        catch (HttpRequestException e)
        {
            throw new FeedFetchException($"The feed could not be reached ({e.HttpRequestError}).", e);
        }
        catch (ExecutionRejectedException e)
        {
            throw new FeedFetchException($"The feed was not requested ({e.GetType().Name}).", e);
        }
    }
}
