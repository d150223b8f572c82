using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class RotateWebhookSecret(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>Issues a new signing secret (shown once); the previous one keeps signing alongside it for 24 hours (a page for the manage page's form, else JSON).</summary>
    [Function(nameof(RotateWebhookSecret))]
    [ClientRateLimited]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/manage/{token}/rotate-secret")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.RotateSecretAsync(token, cancellationToken).ConfigureAwait(false);
        if (SubscriptionHttp.IsForm(request))
        {
            // Not applicable shows the invalid-link page, as any refused token does.
            return result.IsOk
                ? SubscriptionHttp.Page(request, pages.SecretRotated(result.Value.Secret, result.Value.PreviousSecretValidUntil, token, SubscriptionHttp.Language(request, result.Value.Subscriber.Language)))
                : SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        return result switch
        {
            { Value: { } rotation } => SubscriptionHttp.Json(request, new { secret = rotation.Secret, previousSecretValidUntil = rotation.PreviousSecretValidUntil }),
            { Outcome: TokenOutcome.NotApplicable } => Http.Problems.Status(StatusCodes.Status409Conflict, "Not applicable.", "Only a webhook subscription that is not cancelled has a secret to rotate."),
            _ => SubscriptionHttp.TokenProblemJson(result.Outcome),
        };
    }
}
