namespace HumanSecurityAlerts.Subscriptions;

/// <summary>A token lookup row: only the SHA-256 hash of the token is stored.</summary>
/// <param name="UsedAt">When a confirmation token confirmed; the row then stays until it expires, so the link can say so.</param>
public sealed record SubscriberToken(string Hash, SubscriberTokenPurpose Purpose, string SubscriberId, DateTimeOffset? ExpiresAt, DateTimeOffset? UsedAt = null);
