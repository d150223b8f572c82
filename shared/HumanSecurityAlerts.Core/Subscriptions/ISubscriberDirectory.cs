namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// What fan-out and delivery read: the active subscribers of one pillar at one frequency, from one table partition,
/// in pages; and the current state of one subscriber right before sending (unsubscribing is immediate).
/// </summary>
public interface ISubscriberDirectory
{
    /// <summary>One page (at most <paramref name="pageSize"/>, max 1000) of a partition query; pass the returned token back for the next page.</summary>
    Task<SubscriberPage> ListActiveAsync(string pillarId, SubscriptionFrequency frequency, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>All pages of <see cref="ListActiveAsync"/>.</summary>
    IAsyncEnumerable<ActiveSubscriber> ListAllActiveAsync(string pillarId, SubscriptionFrequency frequency, CancellationToken cancellationToken);

    /// <summary>The subscriber when active, else null (unsubscribed, pending or unknown).</summary>
    Task<DeliveryTarget?> GetActiveAsync(string subscriberId, CancellationToken cancellationToken);
}

/// <param name="ContinuationToken">Null on the last page.</param>
public sealed record SubscriberPage(IReadOnlyList<ActiveSubscriber> Items, string? ContinuationToken);

/// <summary>One pillar-index row: enough to address and render a notification without reading the subscriber.</summary>
/// <param name="Address">The email address or webhook URL.</param>
/// <param name="ManageToken">For the manage and one-click unsubscribe links (see <see cref="SubscriptionLinks"/>).</param>
public sealed record ActiveSubscriber(string SubscriberId, SubscriptionChannel Channel, string Language, SubscriptionFrequency Frequency, string Address, string ManageToken);

/// <param name="Pillars">All pillars the subscriber follows (to avoid duplicates across pillars in digests).</param>
/// <param name="SigningSecrets">Webhooks: the secrets that sign now (two during a rotation's overlap); empty for email.</param>
public sealed record DeliveryTarget(string SubscriberId, SubscriptionChannel Channel, string Language, SubscriptionFrequency Frequency, IReadOnlyList<string> Pillars, string Address, string ManageToken, IReadOnlyList<string> SigningSecrets);
