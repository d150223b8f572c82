using System.Collections.Concurrent;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>The namespace's queues and topics, and how AMQP addresses map onto them.</summary>
internal sealed class EntityStore(TimeProvider time)
{
    private const string SubscriptionsSegment = "/Subscriptions/";
    private const string DeadLetterSuffix = "/$DeadLetterQueue";

    private readonly ConcurrentDictionary<string, SendableEntity> entities = new(StringComparer.OrdinalIgnoreCase);

    public void AddQueue(string name, QueueOptions options) => Add(new QueueEntity(ValidateName(name), options, time));

    public void AddTopic(string name, TopicOptions options) => Add(new TopicEntity(ValidateName(name), options, time));

    public void AddSubscription(string topicName, string subscriptionName, SubscriptionOptions options)
    {
        if (!entities.TryGetValue(topicName, out SendableEntity? entity) || entity is not TopicEntity topic)
        {
            throw new InvalidOperationException($"Subscription '{subscriptionName}' needs topic '{topicName}', which does not exist.");
        }

        topic.AddSubscription(ValidateName(subscriptionName), options);
    }

    /// <summary>Resolves an address such as <c>queue</c>, <c>topic/Subscriptions/sub</c> or <c>queue/$DeadLetterQueue</c>; null when nothing is there.</summary>
    public ResolvedEntity? Resolve(string address)
    {
        string path = Normalize(address);
        if (path.EndsWith(DeadLetterSuffix, StringComparison.OrdinalIgnoreCase))
        {
            MessageQueue? deadLetters = Resolve(path[..^DeadLetterSuffix.Length])?.Receivable?.DeadLetterQueue;
            return deadLetters is null ? null : new ResolvedEntity(path, null, deadLetters);
        }

        int subscriptions = path.IndexOf(SubscriptionsSegment, StringComparison.OrdinalIgnoreCase);
        if (subscriptions >= 0)
        {
            return entities.TryGetValue(path[..subscriptions], out SendableEntity? entity)
                && entity is TopicEntity topic
                && topic.Subscriptions.TryGetValue(path[(subscriptions + SubscriptionsSegment.Length)..], out SubscriptionEntity? subscription)
                ? new ResolvedEntity(path, null, subscription.Messages)
                : null;
        }

        return entities.TryGetValue(path, out SendableEntity? sendable)
            ? new ResolvedEntity(path, sendable, (sendable as QueueEntity)?.Messages)
            : null;
    }

    public void Tick()
    {
        foreach (SendableEntity entity in entities.Values)
        {
            entity.Tick();
        }
    }

    /// <summary>The client may address an entity by path or by full URI, with or without a leading slash.</summary>
    public static string Normalize(string address)
    {
        string path = Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) && uri.Scheme is "amqp" or "amqps" or "sb"
            ? Uri.UnescapeDataString(uri.AbsolutePath)
            : address;
        return path.Trim('/');
    }

    private void Add(SendableEntity entity)
    {
        if (!entities.TryAdd(entity.Name, entity))
        {
            throw new InvalidOperationException($"An entity named '{entity.Name}' already exists.");
        }
    }

    private static string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('$', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Entity name '{name}' must not contain '/' or '$'.", nameof(name));
        }

        return name;
    }
}
