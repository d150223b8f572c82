namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The storage side of <see cref="SubscriptionHousekeeping"/>: reads that scan, so never on a request's path.</summary>
public interface ISubscriberHousekeeping
{
    /// <summary>Every subscriber that is not active (pending, disabled or unsubscribed).</summary>
    IAsyncEnumerable<Subscriber> ListInactiveAsync(CancellationToken cancellationToken);

    /// <summary>Removes the subscriber, its index rows and its management token row; idempotent.</summary>
    Task DeleteAsync(Subscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Deletes token rows that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredTokensAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
