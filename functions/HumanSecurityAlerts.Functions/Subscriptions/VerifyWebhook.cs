using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class VerifyWebhook(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>Runs the signed verification handshake again; activates the webhook when the endpoint echoes the code (a page for the manage page's form, else JSON).</summary>
    [Function(nameof(VerifyWebhook))]
    [ClientRateLimited]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/manage/{token}/verify")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.VerifyWebhookAsync(token, cancellationToken).ConfigureAwait(false);
        if (SubscriptionHttp.IsForm(request))
        {
            // Not applicable shows the invalid-link page, as any refused token does.
            return result.IsOk
                ? SubscriptionHttp.Page(request, pages.WebhookVerification(result.Value.Subscriber, token, SubscriptionHttp.Language(request, result.Value.Subscriber.Language), result.Value.Verification))
                : SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        return result switch
        {
            { Value: { } check } => SubscriptionHttp.Json(request, new
            {
                status = check.Subscriber.Status.Name(),
                verification = new { succeeded = check.Verification.Succeeded, error = check.Verification.Error },
            }),
            { Outcome: TokenOutcome.NotApplicable } => Http.Problems.Status(StatusCodes.Status409Conflict, "Not applicable.", "Only an active or pending webhook subscription can be verified."),
            _ => SubscriptionHttp.TokenProblemJson(result.Outcome),
        };
    }
}
