namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>What an AMQP address points to: something to send to, something to receive from, or both (a queue).</summary>
internal sealed record ResolvedEntity(string Path, SendableEntity? Sendable, MessageQueue? Receivable);
