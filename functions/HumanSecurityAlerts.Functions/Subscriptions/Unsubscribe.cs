using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class Unsubscribe(SubscriptionService subscriptions)
{
    /// <summary>
    /// RFC 8058 one-click (body <c>List-Unsubscribe=One-Click</c>) and the page's button: unsubscribes at once, with no
    /// cookie or other authentication than the token; idempotent.
    /// </summary>
    [Function(nameof(Unsubscribe))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/unsubscribe/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        var (_, tooLarge) = await SubscriptionHttp.ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var result = await subscriptions.UnsubscribeAsync(token, cancellationToken).ConfigureAwait(false);
        return result.IsOk
            ? SubscriptionHttp.Page(request, SubscriptionPages.Unsubscribed(SubscriptionHttp.Language(request, result.Value.Language)))
            : SubscriptionHttp.TokenProblem(request, result.Outcome);
    }
}
