namespace HumanSecurityAlerts.Feeds;

public interface IFeedStateStore
{
    Task<FeedState?> GetAsync(Uri url, CancellationToken cancellationToken);

    Task SaveAsync(FeedState state, CancellationToken cancellationToken);
}
