using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Delivery;

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
