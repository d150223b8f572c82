namespace HumanSecurityAlerts.Operations;

/// <summary>A dead-lettered delivery message as an admin sees it: ids, reason, and when it was enqueued.</summary>
public sealed record DeadLetterView(long SequenceNumber, string MessageId, string? DeliveryId, string? PublicationId, string? SubscriberId, string? Channel, string? Reason, string? Description, DateTimeOffset EnqueuedAt, int DeliveryCount);
