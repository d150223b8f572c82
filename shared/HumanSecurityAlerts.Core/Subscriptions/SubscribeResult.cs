using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Secret">Webhook signing secret, returned this once.</param>
public sealed record SubscribeResult(SubscribeOutcome Outcome, FieldErrors? Errors = null, Subscriber? Subscriber = null, string? Secret = null, string? ManageToken = null, WebhookVerification? Verification = null, TimeSpan? RetryAfter = null)
{
    public static SubscribeResult Invalid(FieldErrors errors) => new(SubscribeOutcome.Invalid, errors);

    public static SubscribeResult RateLimited(TimeSpan retryAfter) => new(SubscribeOutcome.RateLimited, RetryAfter: retryAfter);
}
