namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>The delivery settings of a queue, a subscription or a dead-letter sub-queue.</summary>
internal sealed record MessageQueueSettings(
    TimeSpan LockDuration,
    int MaxDeliveryCount,
    TimeSpan DefaultMessageTimeToLive,
    bool DeadLetteringOnMessageExpiration)
{
    /// <summary>Dead-lettered messages never expire and are never dead-lettered again.</summary>
    public MessageQueueSettings ForDeadLetterQueue() =>
        this with { MaxDeliveryCount = int.MaxValue, DefaultMessageTimeToLive = TimeSpan.MaxValue, DeadLetteringOnMessageExpiration = false };
}
