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
        if (result.Outcome != TokenOutcome.Ok)
        {
            return SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        var lang = SubscriptionHttp.Language(request, result.Subscriber!.Language);
        return SubscriptionHttp.Page(request, result.Subscriber.Status == SubscriberStatus.Unsubscribed
            ? SubscriptionPages.Unsubscribed(lang)
            : pages.UnsubscribeConfirmation(token, lang));
    }
}

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
        return result.Outcome == TokenOutcome.Ok
            ? SubscriptionHttp.Page(request, SubscriptionPages.Unsubscribed(SubscriptionHttp.Language(request, result.Subscriber!.Language)))
            : SubscriptionHttp.TokenProblem(request, result.Outcome);
    }
}
