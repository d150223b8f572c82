namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Persistence of subscribers and token lookups, used by <see cref="SubscriptionService"/>.</summary>
public interface ISubscriberStore
{
    Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the subscriber, then brings the pillar index in line with it (idempotently): index rows for each of its
    /// pillars at its frequency when active, none otherwise. When this returns, an unsubscribed subscriber is in no index.
    /// </summary>
    Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken);

    Task AddTokenAsync(SubscriberToken token, CancellationToken cancellationToken);

    Task<SubscriberToken?> FindTokenAsync(string hash, CancellationToken cancellationToken);

    Task DeleteTokenAsync(string hash, CancellationToken cancellationToken);
}
