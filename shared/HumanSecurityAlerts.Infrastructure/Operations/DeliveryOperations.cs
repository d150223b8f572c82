using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Operations;

public sealed record FanOutView(int Generation, long Queued, long Digests, bool Completed, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

public sealed record DeliveryFailureView(string DeliveryId, string SubscriberId, string Channel, string Status, int Attempts, string? LastError, int? LastStatusCode, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt);

/// <param name="Counts">Ledger rows per status (sending, delivered, retrying, failed, dropped).</param>
/// <param name="Channels">The same per channel ("email", "webhook"): status → rows, statuses with rows only.</param>
/// <param name="FirstDeliveredAt">The first and last delivery of the publication; null before any.</param>
/// <param name="TraceId">The trace of the release (W3C trace id) to look up in Application Insights or an OTLP backend; null when it was not traced.</param>
/// <param name="Failures">Rows not delivered (retrying, failed, dropped), at most the requested number.</param>
public sealed record DeliveryReport(
    string PublicationId,
    FanOutView? FanOut,
    int Total,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyDictionary<string, Dictionary<string, int>> Channels,
    DateTimeOffset? FirstDeliveredAt,
    DateTimeOffset? LastDeliveredAt,
    string? TraceId,
    IReadOnlyList<DeliveryFailureView> Failures);

public sealed record DeadLetterView(long SequenceNumber, string MessageId, string? DeliveryId, string? PublicationId, string? SubscriberId, string? Channel, string? Reason, string? Description, DateTimeOffset EnqueuedAt, int DeliveryCount);

public sealed record ReplayResult(IReadOnlyList<DeadLetterView> Replayed, IReadOnlyList<string> NotFound);

/// <param name="State">"started" (a new generation was sent to the fan-out), "in-progress" (a generation is still
/// running: nothing new was started) or "pending" (the first fan-out has not run yet).</param>
public sealed record ResendResult(string PublicationId, int Generation, string State);

/// <summary>
/// Admin operations on delivery: the ledger of a publication, the deliveries dead-letter queue (peek; replay selected
/// or all), and resending a publication. All idempotent: a replayed message leaves the dead-letter queue (a second
/// replay finds nothing), and a resend never notifies a subscriber the ledger shows as delivered.
/// </summary>
internal sealed partial class DeliveryOperations(
    ServiceBusClient client,
    IOptions<ServiceBusOptions> bus,
    IDeliveryLedger ledger,
    IFanOutProgressStore progress,
    IPublicationStore publications,
    DrainKick kick,
    ILogger<DeliveryOperations> logger) : IAsyncDisposable
{
    public const int MaxReplay = 5000;

    private readonly Lazy<ServiceBusSender> queueSender = new(() => client.CreateSender(bus.Value.DeliveriesQueue));
    private readonly Lazy<ServiceBusSender> topicSender = new(() => client.CreateSender(bus.Value.PublicationsTopic));

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

    public async Task<IReadOnlyList<DeadLetterView>> PeekDeadLettersAsync(int max, long? fromSequenceNumber, CancellationToken cancellationToken)
    {
        var receiver = client.CreateReceiver(bus.Value.DeliveriesQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        await using (receiver.ConfigureAwait(false))
        {
            var result = new List<DeadLetterView>();
            var from = fromSequenceNumber;
            while (result.Count < max)
            {
                var page = await receiver.PeekMessagesAsync(Math.Min(250, max - result.Count), from, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                result.AddRange(page.Select(View));
                from = page[^1].SequenceNumber + 1;
            }

            return result;
        }
    }

    /// <summary>Re-sends dead-lettered deliveries (all, or those with the given sequence numbers or delivery ids) and removes them from the dead-letter queue.</summary>
    public async Task<ReplayResult> ReplayAsync(bool all, IReadOnlyCollection<long> sequenceNumbers, IReadOnlyCollection<string> deliveryIds, CancellationToken cancellationToken)
    {
        var wantedSequences = sequenceNumbers.ToHashSet();
        var wantedIds = deliveryIds.ToHashSet(StringComparer.Ordinal);
        var receiver = client.CreateReceiver(bus.Value.DeliveriesQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        var replayed = new List<DeadLetterView>();
        var held = new List<ServiceBusReceivedMessage>();
        await using (receiver.ConfigureAwait(false))
        {
            try
            {
                var seen = 0;
                while (seen < MaxReplay && (all || wantedSequences.Count + wantedIds.Count > replayed.Count))
                {
                    var batch = await receiver.ReceiveMessagesAsync(Math.Min(100, MaxReplay - seen), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    seen += batch.Count;
                    foreach (var message in batch)
                    {
                        var selected = DeliveryMessage.TryRead(message, out var request)
                            && (all || wantedSequences.Contains(message.SequenceNumber) || wantedIds.Contains(request.DeliveryId));
                        if (!selected)
                        {
                            held.Add(message);
                            continue;
                        }

                        var run = "r" + message.SequenceNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        await queueSender.Value.SendMessageAsync(DeliveryMessage.Copy(message, request, run, 1), cancellationToken).ConfigureAwait(false);
                        await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                        replayed.Add(View(message));
                        LogReplayed(request.DeliveryId, request.SubscriberId, message.SequenceNumber);
                    }
                }
            }
            finally
            {
                foreach (var message in held)
                {
                    try
                    {
                        await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (ServiceBusException)
                    {
                        // The lock runs out anyway.
                    }
                }
            }
        }

        if (replayed.Count > 0)
        {
            kick.Kick();
        }

        var notFound = wantedSequences.Where(s => !replayed.Any(r => r.SequenceNumber == s)).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))
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
        var message = PublicationMessage.Create(publication);
        message.MessageId = publicationId + ":resend:" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
        message.ApplicationProperties[FanOutMessageHandler.GenerationProperty] = generation;
        await topicSender.Value.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        LogResend(publicationId, generation);
        kick.Kick();
        return new ResendResult(publicationId, generation, "started");
    }

    public async ValueTask DisposeAsync()
    {
        if (queueSender.IsValueCreated)
        {
            await queueSender.Value.DisposeAsync().ConfigureAwait(false);
        }

        if (topicSender.IsValueCreated)
        {
            await topicSender.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static DeadLetterView View(ServiceBusReceivedMessage m)
    {
        string? P(string name) => m.ApplicationProperties.TryGetValue(name, out var v) ? v as string : null;
        return new DeadLetterView(m.SequenceNumber, m.MessageId, P(DeliveryMessage.DeliveryIdProperty), P(DeliveryMessage.PublicationIdProperty), P(DeliveryMessage.SubscriberIdProperty), P(DeliveryMessage.ChannelProperty), m.DeadLetterReason, m.DeadLetterErrorDescription, m.EnqueuedTime, m.DeliveryCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed dead-lettered delivery {DeliveryId} (subscriber {SubscriberId}, sequence {SequenceNumber})")]
    private partial void LogReplayed(string deliveryId, string subscriberId, long sequenceNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resending publication {PublicationId}: fan-out generation {Generation}")]
    private partial void LogResend(string publicationId, int generation);
}
