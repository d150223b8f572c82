namespace HumanSecurityAlerts.Feeds;

/// <summary>Fetches a feed with a conditional GET, a timeout and a size limit.</summary>
public interface IFeedFetcher
{
    /// <exception cref="FeedFetchException">The feed could not be read (status, size, timeout, network).</exception>
    Task<FeedFetchResult> FetchAsync(Uri url, FeedValidators previous, CancellationToken cancellationToken);
}
