namespace HumanSecurityAlerts.Delivery;

/// <summary>One publication in a digest email, with the pillars that matched the subscriber.</summary>
public sealed record DigestLine(string Title, Uri Url, DateTimeOffset PublishedAt, string Summary, IReadOnlyList<string> Pillars);
