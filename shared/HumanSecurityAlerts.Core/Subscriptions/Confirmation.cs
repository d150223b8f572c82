namespace HumanSecurityAlerts.Subscriptions;

/// <param name="ManageToken">The (plain) management token, for links on the page.</param>
/// <param name="AlreadyConfirmed">The link had already confirmed the subscription before.</param>
public sealed record Confirmation(Subscriber Subscriber, string ManageToken, bool AlreadyConfirmed);
