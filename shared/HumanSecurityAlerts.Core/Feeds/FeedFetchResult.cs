namespace HumanSecurityAlerts.Feeds;

/// <param name="Content">Null when the feed was not modified (304).</param>
public sealed record FeedFetchResult(bool NotModified, byte[]? Content, FeedValidators Validators);
