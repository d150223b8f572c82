namespace HumanSecurityAlerts.Subscriptions;

public enum SubscribeOutcome
{
    Invalid,

    /// <summary>Email: the same answer whatever the address's state (no enumeration).</summary>
    EmailAccepted,

    /// <summary>Webhook: created; active when the verification handshake succeeded.</summary>
    WebhookCreated,

    /// <summary>The service-wide cap on confirmation mails is reached: try again after <see cref="SubscribeResult.RetryAfter"/>.</summary>
    RateLimited,
}
