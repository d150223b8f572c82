namespace HumanSecurityAlerts.AdminConsole;

public sealed record ConsoleDeadLetter(string DeliveryId, string? SubscriberId, string? Channel, string? Reason, string? Description, DateTimeOffset EnqueuedAt);
