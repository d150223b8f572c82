namespace HumanSecurityAlerts.Feeds;

/// <summary>What is remembered of a feed between runs.</summary>
/// <param name="NewItems">Publications the last successful fetch stored (0 when not modified); null after a failure or before it was kept.</param>
public sealed record FeedState(Uri Url, FeedValidators Validators, DateTimeOffset? LastFetchedAt, string? LastError, int? NewItems = null);
