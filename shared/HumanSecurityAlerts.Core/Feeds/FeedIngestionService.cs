using System.Diagnostics;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Feeds;

/// <summary>
/// One ingestion run: each configured feed is fetched (conditional GET), parsed, and its new items classified, stored
/// and published. A feed that fails (status, timeout, size, malformed XML) is logged and skipped; the others still run.
/// Items already stored (same canonical URL) are skipped before classification, so a second run stores nothing new.
/// </summary>
public partial class FeedIngestionService(
    IFeedFetcher fetcher,
    IFeedParser parser,
    IFeedStateStore states,
    IPublicationStore store,
    PublicationPublisher publisher,
    PublicationFactory factory,
    IOptions<FeedsOptions> feedsOptions,
    IOptions<PublicationsOptions> publicationsOptions,
    TimeProvider time,
    ILogger<FeedIngestionService> logger,
    ServiceTelemetry? telemetry = null)
{
    public async Task<FeedRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var summary = new FeedRunSummary();
        foreach (var source in feedsOptions.Value.Sources)
        {
            // One trace per feed: each publication it stores continues it through the topic to every delivery.
            using var activity = ServiceTelemetry.Source.StartActivity("ingest feed");
            activity?.SetTag("hsa.feed.name", source.DisplayName);
            string outcome;
            if (source.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                LogBadSource(source.DisplayName);
                summary.FailedFeeds++;
                RecordFetch(activity, "bad-source");
                continue;
            }

            try
            {
                var (stored, skipped, notModified) = await IngestAsync(source, url, cancellationToken).ConfigureAwait(false);
                summary.Stored += stored;
                summary.AlreadyStored += skipped;
                summary.NotModifiedFeeds += notModified ? 1 : 0;
                summary.SucceededFeeds++;
                telemetry?.FeedItems.Add(stored);
                outcome = notModified ? "not-modified" : "fetched";
            }
            catch (Exception e) when (e is FeedFetchException or FeedFormatException)
            {
                LogFeedFailed(source.DisplayName, url, e.Message);
                summary.FailedFeeds++;
                await RecordErrorAsync(url, e.Message, cancellationToken).ConfigureAwait(false);
                outcome = e is FeedFetchException ? "fetch-failed" : "malformed";
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                LogFeedError(e, source.DisplayName, url);
                summary.FailedFeeds++;
                outcome = "error";
            }

            RecordFetch(activity, outcome);
        }

        LogRun(summary.SucceededFeeds, summary.FailedFeeds, summary.Stored, summary.AlreadyStored);
        return summary;
    }

    private async Task<(int Stored, int Skipped, bool NotModified)> IngestAsync(FeedSource source, Uri url, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var fetched = await fetcher.FetchAsync(url, state?.Validators ?? FeedValidators.None, cancellationToken).ConfigureAwait(false);
        if (fetched.NotModified || fetched.Content is null)
        {
            await states.SaveAsync(new FeedState(url, fetched.Validators, time.GetUtcNow(), null, 0), cancellationToken).ConfigureAwait(false);
            return (0, 0, true);
        }

        var feed = parser.Parse(fetched.Content, feedsOptions.Value.MaxItemsPerFeed);
        int stored = 0, skipped = 0;
        foreach (var item in feed.Items)
        {
            var release = ToRelease(item);
            if (release is null)
            {
                LogItemSkipped(source.DisplayName, item.Link ?? "(no link)");
                continue;
            }

            if (await store.ExistsAsync(release.Id, cancellationToken).ConfigureAwait(false))
            {
                skipped++;
                continue;
            }

            var result = await publisher.StoreAndPublishAsync(factory.Create(release, source.DisplayName, feed.Language), cancellationToken).ConfigureAwait(false);
            if (result.Created)
            {
                stored++;
            }
            else
            {
                skipped++;
            }
        }

        // Saved last: if storing failed part-way, the next run fetches the feed again and stores the rest.
        await states.SaveAsync(new FeedState(url, fetched.Validators, time.GetUtcNow(), null, stored), cancellationToken).ConfigureAwait(false);
        return (stored, skipped, false);
    }

    /// <summary>A feed item as a release; null when it has no usable link or title.</summary>
    private ValidRelease? ToRelease(FeedItem item)
    {
        var title = SafeText.Clean(item.Title);
        if (!CanonicalUrl.TryCreate(item.Link, out var url) || SafeText.IsInvisible(title))
        {
            return null;
        }

        var options = publicationsOptions.Value;
        var now = time.GetUtcNow();
        var publishedAt = item.PublishedAt is { } p && p <= now + options.FutureTolerance && p.Year >= 1900 ? p.ToUniversalTime() : now;
        var (text, truncated) = ReleaseValidator.Bound(SafeText.Clean(item.Text), options.MaxTextChars);
        return new ValidRelease(
            PublicationId.FromCanonicalUrl(url),
            url,
            ReleaseValidator.Bound(title, PublicationsOptions.MaxTitleChars).Text,
            ReleaseValidator.Bound(SafeText.Clean(item.Summary), PublicationsOptions.MaxSummaryChars).Text,
            text,
            Language: null,
            publishedAt,
            Pillars: null,
            truncated);
    }

    private void RecordFetch(Activity? activity, string outcome)
    {
        activity?.SetTag(ServiceTelemetry.OutcomeTag, outcome);
        telemetry?.FeedFetches.Add(1, new KeyValuePair<string, object?>(ServiceTelemetry.OutcomeTag, outcome));
    }

    private async Task RecordErrorAsync(Uri url, string error, CancellationToken cancellationToken)
    {
        try
        {
            var previous = await states.GetAsync(url, cancellationToken).ConfigureAwait(false);
            await states.SaveAsync(new FeedState(url, previous?.Validators ?? FeedValidators.None, time.GetUtcNow(), error), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogStateNotSaved(e, url);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} has no absolute http(s) URL; skipped")]
    private partial void LogBadSource(string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} ({FeedUrl}) skipped: {Reason}")]
    private partial void LogFeedFailed(string feed, Uri feedUrl, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed {Feed} ({FeedUrl}) failed; the other feeds go on")]
    private partial void LogFeedError(Exception exception, string feed, Uri feedUrl);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed {Feed}: item {Link} has no usable link or title; skipped")]
    private partial void LogItemSkipped(string feed, string link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the state of feed {FeedUrl}")]
    private partial void LogStateNotSaved(Exception exception, Uri feedUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed run: {Succeeded} feeds read, {Failed} failed, {Stored} new publications, {AlreadyStored} already stored")]
    private partial void LogRun(int succeeded, int failed, int stored, int alreadyStored);
}
