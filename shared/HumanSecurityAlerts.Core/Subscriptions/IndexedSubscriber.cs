namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// One pillar-index row as fan-out and digests page through it: who, and by which channel. Nothing more is read (or
/// decrypted) per row: what a notification needs is read from the subscriber right before it is sent.
/// </summary>
public sealed record IndexedSubscriber(string SubscriberId, SubscriptionChannel Channel);
