using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class GetUnsubscribePage(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>Shows a confirmation page with a button; changes nothing (link scanners follow GET links).</summary>
    [Function(nameof(GetUnsubscribePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/unsubscribe/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var result = await subscriptions.GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            return SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        var lang = SubscriptionHttp.Language(request, result.Value.Language);
        return SubscriptionHttp.Page(request, result.Value.Status == SubscriberStatus.Unsubscribed
            ? SubscriptionPages.Unsubscribed(lang)
            : pages.UnsubscribeConfirmation(token, lang));
    }
}
