using System.Collections.Concurrent;
using System.Globalization;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Digests;

/// <summary>
/// Sends the daily (or weekly) digests: one email per active subscriber of that frequency listing the publications
/// recorded for them by the fan-out since their last digest, newest first, each once. Nothing is sent to a subscriber
/// with nothing new. Idempotent per (subscriber, period): the sent digest is recorded before its rows are removed, so a
/// rerun in the same period sends nothing twice. A digest that could not be sent stays queued for the next run.
/// </summary>
public sealed partial class DigestService(
    ISubscriberDirectory directory,
    IDigestStore queue,
    IPublicationStore publications,
    IEmailSender email,
    DeliveryContent content,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestService> logger)
{
    private enum Outcome
    {
        Nothing,
        Sent,
        AlreadySent,
        Failed,
    }

    /// <summary><c>daily-2026-05-01</c> or <c>weekly-2026-W18</c> (ISO week), in UTC.</summary>
    public static string Period(SubscriptionFrequency frequency, DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return frequency == SubscriptionFrequency.Weekly
            ? string.Create(CultureInfo.InvariantCulture, $"weekly-{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):D2}")
            : string.Create(CultureInfo.InvariantCulture, $"daily-{day:yyyy-MM-dd}");
    }

    public async Task<DigestRunResult> RunAsync(SubscriptionFrequency frequency, CancellationToken cancellationToken)
    {
        if (frequency == SubscriptionFrequency.Immediate)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), "Digests are daily or weekly.");
        }

        var period = Period(frequency, time.GetUtcNow());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var summaries = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        int sent = 0, already = 0, failed = 0;
        foreach (var pillar in PillarId.All)
        {
            string? token = null;
            do
            {
                var page = await directory.ListActiveAsync(pillar, frequency, token, 1000, cancellationToken).ConfigureAwait(false);
                token = page.ContinuationToken;
                var fresh = page.Items.Where(s => seen.Add(s.SubscriberId)).ToList();
                await Parallel.ForEachAsync(
                    fresh,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = cancellationToken },
                    async (s, ct) =>
                    {
                        switch (await SendOneAsync(s.SubscriberId, frequency, period, summaries, ct).ConfigureAwait(false))
                        {
                            case Outcome.Sent: Interlocked.Increment(ref sent); break;
                            case Outcome.AlreadySent: Interlocked.Increment(ref already); break;
                            case Outcome.Failed: Interlocked.Increment(ref failed); break;
                        }
                    }).ConfigureAwait(false);
            }
            while (token is not null);
        }

        LogRun(period, seen.Count, sent, already, failed);
        return new DigestRunResult(period, seen.Count, sent, already, failed);
    }

    private async Task<Outcome> SendOneAsync(string subscriberId, SubscriptionFrequency frequency, string period, ConcurrentDictionary<string, string> summaries, CancellationToken cancellationToken)
    {
        var items = await queue.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return Outcome.Nothing;
        }

        var sentBefore = await queue.GetSentAsync(period, subscriberId, cancellationToken).ConfigureAwait(false);
        if (sentBefore is not null)
        {
            // Sent earlier in this period; rows it listed may remain if that run stopped before removing them.
            var listed = items.Where(i => sentBefore.Contains(i.PublicationId)).Select(i => i.PublicationId).ToList();
            if (listed.Count > 0)
            {
                await queue.RemoveAsync(subscriberId, listed, cancellationToken).ConfigureAwait(false);
            }

            return Outcome.AlreadySent;
        }

        var target = await directory.GetActiveAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            return Outcome.Nothing;
        }

        var relevant = items
            .Select(i => (Item: i, Pillars: (IReadOnlyList<string>)[.. i.Pillars.Where(target.Pillars.Contains)]))
            .Where(x => x.Pillars.Count > 0)
            .OrderByDescending(x => x.Item.PublishedAt)
            .ToList();
        var all = items.Select(i => i.PublicationId).ToList();
        if (relevant.Count == 0)
        {
            await queue.RemoveAsync(subscriberId, all, cancellationToken).ConfigureAwait(false);
            return Outcome.Nothing;
        }

        var listedItems = new List<DigestLine>();
        foreach (var (item, pillars) in relevant.Take(options.Value.MaxItems))
        {
            var summary = await SummaryAsync(item.PublicationId, summaries, cancellationToken).ConfigureAwait(false);
            listedItems.Add(new DigestLine(item.Title, item.Url, item.PublishedAt, summary, pillars));
        }

        try
        {
            await email.SendAsync(content.Digest(target, frequency, listedItems), cancellationToken).ConfigureAwait(false);
        }
        catch (EmailSendException e)
        {
            LogFailed(subscriberId, period, e.Message);
            return Outcome.Failed;
        }

        await queue.MarkSentAsync(period, subscriberId, [.. relevant.Select(x => x.Item.PublicationId)], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await queue.RemoveAsync(subscriberId, all, cancellationToken).ConfigureAwait(false);
        LogSent(subscriberId, period, relevant.Count);
        return Outcome.Sent;
    }

    private async Task<string> SummaryAsync(string publicationId, ConcurrentDictionary<string, string> summaries, CancellationToken cancellationToken)
    {
        if (summaries.TryGetValue(publicationId, out var summary))
        {
            return summary;
        }

        var publication = await publications.GetAsync(publicationId, cancellationToken).ConfigureAwait(false);
        return summaries[publicationId] = publication?.Summary ?? "";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest {Period}: {Subscribers} subscriber(s), {Sent} sent, {AlreadySent} already sent, {Failed} failed")]
    private partial void LogRun(string period, int subscribers, int sent, int alreadySent, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent digest {Period} to subscriber {SubscriberId} with {Count} publication(s)")]
    private partial void LogSent(string subscriberId, string period, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest {Period} to subscriber {SubscriberId} failed ({Error}); it stays queued for the next run")]
    private partial void LogFailed(string subscriberId, string period, string error);
}
