using System.Collections.Concurrent;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A topic: each message is copied to every subscription whose rules match it.</summary>
internal sealed class TopicEntity(string name, TopicOptions options, TimeProvider time)
    : SendableEntity(name, time, options.RequiresDuplicateDetection, options.DuplicateDetectionHistoryTimeWindow)
{
    private readonly TimeSpan defaultMessageTimeToLive = options.DefaultMessageTimeToLive;

    public ConcurrentDictionary<string, SubscriptionEntity> Subscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SubscriptionEntity AddSubscription(string subscriptionName, SubscriptionOptions options)
    {
        // A subscription's time to live cannot outlast its topic's.
        TimeSpan ttl = options.DefaultMessageTimeToLive < defaultMessageTimeToLive ? options.DefaultMessageTimeToLive : defaultMessageTimeToLive;
        var queue = new MessageQueue(
            $"{Name}/Subscriptions/{subscriptionName}",
            new MessageQueueSettings(options.LockDuration, options.MaxDeliveryCount, ttl, options.DeadLetteringOnMessageExpiration),
            Time);
        var subscription = new SubscriptionEntity(subscriptionName, queue, options.Rules.Select(MessageFilter.Create).ToList());
        if (!Subscriptions.TryAdd(subscriptionName, subscription))
        {
            throw new InvalidOperationException($"Subscription '{subscriptionName}' already exists on topic '{Name}'.");
        }

        return subscription;
    }

    public override void Tick()
    {
        base.Tick();
        foreach (SubscriptionEntity subscription in Subscriptions.Values)
        {
            subscription.Messages.Tick();
        }
    }

    protected override void Deliver(MessageEnvelope envelope, long sequenceNumber)
    {
        foreach (SubscriptionEntity subscription in Subscriptions.Values.Where(s => s.Matches(envelope)))
        {
            subscription.Messages.Enqueue(envelope, sequenceNumber);
        }
    }
}
