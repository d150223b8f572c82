using HumanSecurityAlerts.Validation;

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

/// <param name="Secret">Webhook signing secret, returned this once.</param>
public sealed record SubscribeResult(SubscribeOutcome Outcome, FieldErrors? Errors = null, Subscriber? Subscriber = null, string? Secret = null, string? ManageToken = null, WebhookVerification? Verification = null, TimeSpan? RetryAfter = null)
{
    public static SubscribeResult Invalid(FieldErrors errors) => new(SubscribeOutcome.Invalid, errors);

    public static SubscribeResult RateLimited(TimeSpan retryAfter) => new(SubscribeOutcome.RateLimited, RetryAfter: retryAfter);
}

public sealed record WebhookVerification(bool Succeeded, string? Error);

public enum TokenOutcome
{
    Ok,

    /// <summary>Unknown, malformed or already used.</summary>
    NotFound,

    Expired,

    /// <summary>A confirmation link that has already confirmed its subscription.</summary>
    AlreadyUsed,

    /// <summary>The token is fine but the operation does not apply (e.g. verifying an email subscriber).</summary>
    NotApplicable,

    Invalid,
}

/// <param name="Subscriber">The subscriber after the operation, when the token was valid.</param>
/// <param name="ManageToken">The (plain) management token, for links on the page.</param>
public sealed record TokenResult(TokenOutcome Outcome, Subscriber? Subscriber = null, string? ManageToken = null, FieldErrors? Errors = null, WebhookVerification? Verification = null, string? Secret = null, DateTimeOffset? PreviousSecretValidUntil = null)
{
    public static TokenResult NotFound { get; } = new(TokenOutcome.NotFound);
}
