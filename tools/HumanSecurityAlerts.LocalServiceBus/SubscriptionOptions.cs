namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>Settings of a topic subscription. With no rules the subscription receives every message.</summary>
public sealed record SubscriptionOptions
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryCount { get; init; } = 10;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.FromHours(1);

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public IReadOnlyList<SubscriptionRule> Rules { get; init; } = [];
}
