using HumanSecurityAlerts.LocalServiceBus;

namespace HumanSecurityAlerts.Testing.ServiceBus;

/// <summary>
/// The app's Service Bus entities as infra/servicebus-entities.json declares them (the publications topic with its
/// fan-out subscription, the deliveries queue, duplicate detection on both) under names no other test uses, with the
/// lock durations a test chooses (a minute in infra/).
/// </summary>
public sealed record AppEntities(string Topic, string Queue)
{
    public const string FanOutSubscription = "fan-out";

    private static readonly TimeSpan TimeToLive = TimeSpan.FromDays(14);

    private static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(1);

    /// <param name="observers">More subscriptions on the topic, for tests that read what was published without taking it from the fan-out.</param>
    /// <param name="fanOutLockDuration">The fan-out subscription's lock when it differs from the queue's.</param>
    public static AppEntities Create(LocalServiceBusFixture bus, TimeSpan lockDuration, IReadOnlyList<string>? observers = null, TimeSpan? fanOutLockDuration = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var subscriptions = new Dictionary<string, SubscriptionOptions>
        {
            [FanOutSubscription] = new()
            {
                LockDuration = fanOutLockDuration ?? lockDuration,
                MaxDeliveryCount = 10,
                DeadLetteringOnMessageExpiration = true,
                DefaultMessageTimeToLive = TimeToLive,
            },
        };
        foreach (var observer in observers ?? [])
        {
            subscriptions[observer] = new SubscriptionOptions();
        }

        var topic = bus.CreateTopic(
            subscriptions,
            new TopicOptions { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = DuplicateWindow, DefaultMessageTimeToLive = TimeToLive },
            prefix: "publications");
        var queue = bus.CreateQueue(
            new QueueOptions
            {
                LockDuration = lockDuration,
                MaxDeliveryCount = 10,
                DeadLetteringOnMessageExpiration = true,
                DefaultMessageTimeToLive = TimeToLive,
                RequiresDuplicateDetection = true,
                DuplicateDetectionHistoryTimeWindow = DuplicateWindow,
            },
            prefix: "deliveries");
        return new AppEntities(topic, queue);
    }

    /// <summary>Points the app's settings at these entities.</summary>
    public void ApplyTo(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["ServiceBus:PublicationsTopic"] = Topic;
        settings["ServiceBus:FanOutSubscription"] = FanOutSubscription;
        settings["ServiceBus:DeliveriesQueue"] = Queue;
    }
}
