namespace HumanSecurityAlerts.AdminConsole;

public sealed record FeedRow(string Name, Uri Url, DateTimeOffset? LastFetchedAt, string? LastError, int? NewItems);
