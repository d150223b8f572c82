using System.Globalization;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Operations;

/// <summary>
/// Admin operations on delivery: the ledger of a publication, the deliveries dead-letter queue (peek; replay selected
/// or all), and resending a publication. All idempotent: a replayed message leaves the dead-letter queue (a second
/// replay finds nothing), and a resend never notifies a subscriber the ledger shows as delivered.
/// </summary>
public partial class DeliveryOperations(
    IDeadLetters deadLetters,
    IPublicationEventPublisher events,
    IDeliveryLedger ledger,
    IFanOutProgressStore progress,
    IPublicationStore publications,
    IDrainKick kick,
    ILogger<DeliveryOperations> logger)
{
    public const int MaxReplay = 5000;

    public async Task<DeliveryReport> GetDeliveriesAsync(string publicationId, int maxFailures, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), _ => 0, StringComparer.Ordinal);
        var channels = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var failures = new List<DeliveryFailureView>();
        var total = 0;
        DateTimeOffset? first = null, last = null;
        await foreach (var r in ledger.ListAsync(publicationId, cancellationToken).ConfigureAwait(false))
        {
            total++;
            var status = r.Status.ToString().ToLowerInvariant();
            counts[status]++;
            var perChannel = channels.TryGetValue(r.Channel.Name(), out var c) ? c : channels[r.Channel.Name()] = new Dictionary<string, int>(StringComparer.Ordinal);
            perChannel[status] = perChannel.GetValueOrDefault(status) + 1;
            if (r.DeliveredAt is { } at)
            {
                first = first is null || at < first ? at : first;
                last = last is null || at > last ? at : last;
            }

            if (r.Status is DeliveryStatus.Retrying or DeliveryStatus.Failed or DeliveryStatus.Dropped && failures.Count < maxFailures)
            {
                failures.Add(new DeliveryFailureView(r.DeliveryId, r.SubscriberId, r.Channel.Name(), r.Status.ToString().ToLowerInvariant(), r.Attempts, r.LastError, r.LastStatusCode, r.LastAttemptAt, r.NextAttemptAt));
            }
        }

        var latest = await progress.GetLatestAsync(publicationId, cancellationToken).ConfigureAwait(false);
        var fanOut = latest is null ? null : new FanOutView(latest.Generation, latest.Queued, latest.Digests, latest.Completed, latest.StartedAt, latest.CompletedAt);
        var publication = await publications.GetAsync(publicationId, cancellationToken).ConfigureAwait(false);
        return new DeliveryReport(publicationId, fanOut, total, counts, channels, first, last, ServiceTelemetry.TraceIdOf(publication?.TraceParent), failures);
    }

    public Task<IReadOnlyList<DeadLetterView>> PeekDeadLettersAsync(int max, long? fromSequenceNumber, CancellationToken cancellationToken) =>
        deadLetters.PeekAsync(max, fromSequenceNumber, cancellationToken);

    /// <summary>Re-sends dead-lettered deliveries (all, or those with the given sequence numbers or delivery ids) and removes them from the dead-letter queue.</summary>
    public async Task<ReplayResult> ReplayAsync(bool all, IReadOnlyCollection<long> sequenceNumbers, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken)
    {
        var wantedSequences = sequenceNumbers.ToHashSet();
        var wantedIds = deliveryIds.ToHashSet(StringComparer.Ordinal);
        var replayed = await deadLetters.ReplayAsync(
            d => all || wantedSequences.Contains(d.SequenceNumber) || (d.DeliveryId is { } id && wantedIds.Contains(id)),
            all ? null : wantedSequences.Count + wantedIds.Count,
            MaxReplay,
            cancellationToken).ConfigureAwait(false);
        foreach (var r in replayed)
        {
            LogReplayed(r.DeliveryId, r.SubscriberId, r.SequenceNumber);
        }

        if (replayed.Count > 0)
        {
            kick.Kick();
        }

        var notFound = wantedSequences.Where(s => !replayed.Any(r => r.SequenceNumber == s)).Select(s => s.ToString(CultureInfo.InvariantCulture))
            .Concat(wantedIds.Where(id => !replayed.Any(r => r.DeliveryId == id)))
            .ToList();
        return new ReplayResult(replayed, notFound);
    }

    /// <summary>Null when the publication is not stored.</summary>
    public async Task<ResendResult?> ResendAsync(string publicationId, CancellationToken cancellationToken)
    {
        var publication = await publications.GetAsync(publicationId, cancellationToken).ConfigureAwait(false);
        if (publication is null)
        {
            return null;
        }

        var latest = await progress.GetLatestAsync(publicationId, cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            kick.Kick();
            return new ResendResult(publicationId, 0, "pending");
        }

        if (!latest.Completed)
        {
            kick.Kick();
            return new ResendResult(publicationId, latest.Generation, "in-progress");
        }

        var generation = latest.Generation + 1;
        await events.ResendAsync(publication, generation, cancellationToken).ConfigureAwait(false);
        LogResend(publicationId, generation);
        kick.Kick();
        return new ResendResult(publicationId, generation, "started");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed dead-lettered delivery {DeliveryId} (subscriber {SubscriberId}, sequence {SequenceNumber})")]
    private partial void LogReplayed(string? deliveryId, string? subscriberId, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending publication {PublicationId}: fan-out generation {Generation}")]
    private partial void LogResend(string publicationId, int generation);
}
