namespace HumanSecurityAlerts.Subscriptions;

public sealed record WebhookVerification(bool Succeeded, string? Error);
