namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A topic subscription: a message queue fed by the topic through its rules (no rule: every message).</summary>
internal sealed class SubscriptionEntity(string name, MessageQueue messages, IReadOnlyList<MessageFilter> filters)
{
    public string Name { get; } = name;

    public MessageQueue Messages { get; } = messages;

    public bool Matches(MessageEnvelope envelope) => filters.Count == 0 || filters.Any(filter => filter.Matches(envelope));
}
