using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class ConfirmSubscription(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>The link in the confirmation email: activates the subscription and shows a page (404 unknown/used, 410 expired).</summary>
    [Function(nameof(ConfirmSubscription))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.ConfirmAsync(request.Query["token"], cancellationToken).ConfigureAwait(false);
        return result.Outcome == TokenOutcome.Ok
            ? SubscriptionHttp.Page(request, pages.Confirmed(result.Subscriber!, result.ManageToken!))
            : SubscriptionHttp.TokenProblem(request, result.Outcome);
    }
}
