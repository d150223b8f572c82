namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>Settings of a queue, with the defaults of the Service Bus emulator.</summary>
public sealed record QueueOptions
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryCount { get; init; } = 10;

    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.FromHours(1);

    public bool DeadLetteringOnMessageExpiration { get; init; }

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = TimeSpan.FromSeconds(20);
}
