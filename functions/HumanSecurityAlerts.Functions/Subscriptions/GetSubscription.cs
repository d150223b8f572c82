using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class GetSubscription(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>The management page (or JSON with <c>Accept: application/json</c>): preferences, status, a form to change them.</summary>
    [Function(nameof(GetSubscription))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/manage/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (SubscriptionHttp.WantsJson(request))
        {
            return result.IsOk
                ? SubscriptionHttp.Json(request, SubscriptionJson.From(result.Value))
                : SubscriptionHttp.TokenProblemJson(result.Outcome);
        }

        return result.IsOk
            ? SubscriptionHttp.Page(request, pages.Manage(result.Value, token, SubscriptionHttp.Language(request, result.Value.Language)))
            : SubscriptionHttp.TokenProblem(request, result.Outcome);
    }
}
