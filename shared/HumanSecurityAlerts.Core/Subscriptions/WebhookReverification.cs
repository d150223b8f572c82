namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Subscriber">The subscriber after the handshake (activated when it succeeded).</param>
public sealed record WebhookReverification(Subscriber Subscriber, WebhookVerification Verification);
