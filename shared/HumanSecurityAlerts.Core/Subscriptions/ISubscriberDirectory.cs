using HumanSecurityAlerts.Pillars;
namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// What fan-out and delivery read: the active subscribers of one pillar at one frequency, from one table partition,
/// in pages; and the current state of one subscriber right before sending (unsubscribing is immediate).
/// </summary>
public interface ISubscriberDirectory
{
    /// <summary>One page (at most <paramref name="pageSize"/>, max 1000) of a partition query; pass the returned token back for the next page.</summary>
    Task<SubscriberPage> ListActiveAsync(PillarId pillar, SubscriptionFrequency frequency, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every row of one partition of the index, with all it holds (address, language, manage token).</summary>
    IAsyncEnumerable<ActiveSubscriber> ListAllActiveAsync(PillarId pillar, SubscriptionFrequency frequency, CancellationToken cancellationToken);

    /// <summary>The subscriber when active, else null (unsubscribed, pending or unknown).</summary>
    Task<DeliveryTarget?> GetActiveAsync(string subscriberId, CancellationToken cancellationToken);
}
