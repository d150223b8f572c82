namespace HumanSecurityAlerts.Operations;

/// <summary>A ledger row that is not delivered (retrying, failed or dropped), with its last error.</summary>
public sealed record DeliveryFailureView(string DeliveryId, string SubscriberId, string Channel, string Status, int Attempts, string? LastError, int? LastStatusCode, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt);
