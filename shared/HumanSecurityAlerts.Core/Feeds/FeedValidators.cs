namespace HumanSecurityAlerts.Feeds;

/// <summary>The validators of the last successful fetch, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record FeedValidators(string? ETag, string? LastModified)
{
    public static FeedValidators None { get; } = new(null, null);
}
