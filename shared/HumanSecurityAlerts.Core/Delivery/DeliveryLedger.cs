using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Delivery;

public enum DeliveryStatus
{
    /// <summary>Claimed by a worker that is sending right now (or crashed while sending).</summary>
    Sending,
    Delivered,

    /// <summary>Failed transiently; a retry is scheduled at <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Gave up (permanent failure or retries exhausted): the message is in the dead-letter queue.</summary>
    Failed,

    /// <summary>Not sent on purpose: the subscriber unsubscribed, was deleted or no longer follows these pillars.</summary>
    Dropped,
}

/// <summary>One row of the delivery ledger: the state of one notification (publication, subscriber).</summary>
public sealed record DeliveryRecord
{
    public required string PublicationId { get; init; }

    public required string SubscriberId { get; init; }

    public required string DeliveryId { get; init; }

    public required SubscriptionChannel Channel { get; init; }

    public required DeliveryStatus Status { get; init; }

    /// <summary>Attempts over all runs (first fan-out, resends, replays).</summary>
    public int Attempts { get; init; }

    /// <summary>The run (<see cref="DeliveryRequest.Run"/>) and attempt within it of the last attempt.</summary>
    public string? Run { get; init; }

    public int RunAttempt { get; init; }

    public string? LastError { get; init; }

    public int? LastStatusCode { get; init; }

    public DateTimeOffset? FirstAttemptAt { get; init; }

    public DateTimeOffset? LastAttemptAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Optimistic concurrency token of the stored row; null for a row not read from storage.</summary>
    public string? ETag { get; init; }
}

/// <summary>The delivery ledger: checked before sending and written after, so a redelivered message never notifies twice.</summary>
public interface IDeliveryLedger
{
    Task<DeliveryRecord?> GetAsync(string publicationId, string subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="record"/> only if the stored row is still the one read (its <see cref="DeliveryRecord.ETag"/>;
    /// null = must not exist yet). Returns the record with its new ETag, or null when another worker changed it first.
    /// </summary>
    Task<DeliveryRecord?> TryWriteAsync(DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>Every row of one publication (one partition).</summary>
    IAsyncEnumerable<DeliveryRecord> ListAsync(string publicationId, CancellationToken cancellationToken);
}

/// <summary>Tracks webhook endpoints that keep failing, so one failing for <see cref="DeliveryOptions.DisableWebhookAfter"/> is disabled.</summary>
public interface IWebhookHealthStore
{
    /// <summary>Records a failure and returns since when the endpoint has been failing without a success.</summary>
    Task<DateTimeOffset> RecordFailureAsync(string subscriberId, DateTimeOffset at, string lastError, CancellationToken cancellationToken);

    Task RecordSuccessAsync(string subscriberId, CancellationToken cancellationToken);
}
