using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Subscriber">The subscriber after the operation, when the token was valid.</param>
/// <param name="ManageToken">The (plain) management token, for links on the page.</param>
public sealed record TokenResult(TokenOutcome Outcome, Subscriber? Subscriber = null, string? ManageToken = null, FieldErrors? Errors = null, WebhookVerification? Verification = null, string? Secret = null, DateTimeOffset? PreviousSecretValidUntil = null)
{
    public static TokenResult NotFound { get; } = new(TokenOutcome.NotFound);
}
