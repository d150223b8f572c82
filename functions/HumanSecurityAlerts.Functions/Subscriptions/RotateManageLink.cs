using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class RotateManageLink(SubscriptionService subscriptions, SubscriptionPages pages, SubscriptionLinks links)
{
    /// <summary>Replaces the management link: the old one stops working; the new one is shown once (page, or JSON).</summary>
    [Function(nameof(RotateManageLink))]
    [ClientRateLimited]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/manage/{token}/rotate-link")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.RotateManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (SubscriptionHttp.WantsJson(request))
        {
            return result.IsOk
                ? SubscriptionHttp.Json(request, new { manageUrl = links.Manage(result.Value.ManageToken).AbsoluteUri })
                : SubscriptionHttp.TokenProblemJson(result.Outcome);
        }

        return result.IsOk
            ? SubscriptionHttp.Page(request, pages.NewManageLink(result.Value.ManageToken, SubscriptionHttp.Language(request, result.Value.Subscriber.Language)))
            : SubscriptionHttp.TokenProblem(request, result.Outcome);
    }
}
