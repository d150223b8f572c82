namespace HumanSecurityAlerts.Publications;

public sealed record OutboxEntry(string Id, DateTimeOffset EnqueuedAt);
