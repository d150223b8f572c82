using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>One pillar-index row with all it holds (see <see cref="ISubscriberDirectory.ListAllActiveAsync"/>).</summary>
/// <param name="Address">The email address or webhook URL.</param>
/// <param name="ManageToken">For the manage and one-click unsubscribe links (see <see cref="SubscriptionLinks"/>).</param>
public sealed record ActiveSubscriber(string SubscriberId, SubscriptionChannel Channel, Language Language, SubscriptionFrequency Frequency, string Address, string ManageToken);
