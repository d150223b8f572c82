namespace HumanSecurityAlerts.Subscriptions;

/// <param name="ManageToken">The new (plain) management token, returned this once.</param>
public sealed record ManageTokenRotation(Subscriber Subscriber, string ManageToken);
