using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Pillars">All pillars the subscriber follows (to avoid duplicates across pillars in digests).</param>
/// <param name="SigningSecrets">Webhooks: the secrets that sign now (two during a rotation's overlap); empty for email.</param>
public sealed record DeliveryTarget(string SubscriberId, SubscriptionChannel Channel, Language Language, SubscriptionFrequency Frequency, IReadOnlyList<string> Pillars, string Address, string ManageToken, IReadOnlyList<string> SigningSecrets);
