namespace HumanSecurityAlerts.Feeds;

/// <summary>Fetches a feed with a conditional GET, a timeout and a size limit.</summary>
public interface IFeedFetcher
{
    /// <exception cref="FeedFetchException">The feed could not be read (status, size, timeout, network).</exception>
    Task<FeedFetchResult> FetchAsync(Uri url, FeedValidators previous, CancellationToken cancellationToken);
}

/// <summary>The validators of the last successful fetch, sent back as If-None-Match / If-Modified-Since.</summary>
public sealed record FeedValidators(string? ETag, string? LastModified)
{
    public static FeedValidators None { get; } = new(null, null);
}

/// <param name="Content">Null when the feed was not modified (304).</param>
public sealed record FeedFetchResult(bool NotModified, byte[]? Content, FeedValidators Validators);

public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What is remembered of a feed between runs.</summary>
/// <param name="NewItems">Publications the last successful fetch stored (0 when not modified); null after a failure or before it was kept.</param>
public sealed record FeedState(Uri Url, FeedValidators Validators, DateTimeOffset? LastFetchedAt, string? LastError, int? NewItems = null);

public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(Uri url, CancellationToken cancellationToken);

    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}
