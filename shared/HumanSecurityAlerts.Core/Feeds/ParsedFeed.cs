namespace HumanSecurityAlerts.Feeds;

/// <param name="Language">The feed's declared language, a hint for its items; null when it declares none.</param>
public sealed record ParsedFeed(string? Language, IReadOnlyList<FeedItem> Items);
