namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>Settings of a topic, with the defaults of the Service Bus emulator.</summary>
public sealed record TopicOptions
{
    public TimeSpan DefaultMessageTimeToLive { get; init; } = TimeSpan.FromHours(1);

    public bool RequiresDuplicateDetection { get; init; }

    public TimeSpan DuplicateDetectionHistoryTimeWindow { get; init; } = TimeSpan.FromSeconds(20);
}
