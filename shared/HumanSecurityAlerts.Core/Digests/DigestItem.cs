namespace HumanSecurityAlerts.Digests;

/// <summary>A publication waiting for a subscriber's next digest.</summary>
public sealed record DigestItem(string PublicationId, string Title, Uri Url, IReadOnlyList<string> Pillars, string Language, DateTimeOffset PublishedAt);
