namespace HumanSecurityAlerts.LocalServiceBus;

internal sealed class QueueEntity(string name, QueueOptions options, TimeProvider time)
    : SendableEntity(name, time, options.RequiresDuplicateDetection, options.DuplicateDetectionHistoryTimeWindow)
{
    public MessageQueue Messages { get; } = new(
        name,
        new MessageQueueSettings(options.LockDuration, options.MaxDeliveryCount, options.DefaultMessageTimeToLive, options.DeadLetteringOnMessageExpiration),
        time);

    public override void Tick()
    {
        base.Tick();
        Messages.Tick();
    }

    protected override void Deliver(MessageEnvelope envelope, long sequenceNumber) => Messages.Enqueue(envelope, sequenceNumber);
}
