namespace HumanSecurityAlerts.Feeds;

/// <summary>An item read from a feed, as plain text.</summary>
public sealed record FeedItem(string? Link, string Title, string Summary, string Text, DateTimeOffset? PublishedAt);
