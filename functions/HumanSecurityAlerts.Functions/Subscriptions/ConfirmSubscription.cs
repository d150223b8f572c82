using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class ConfirmSubscription(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>
    /// The link in the confirmation email: a page with one button, so that a mail filter opening the link confirms
    /// nothing; "already confirmed" with the manage link once used (404 unknown, 410 expired).
    /// </summary>
    [Function(nameof(ConfirmSubscription))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var result = await subscriptions.CheckConfirmationAsync(token, cancellationToken).ConfigureAwait(false);
        return result.Value switch
        {
            { AlreadyConfirmed: true } confirmation => SubscriptionHttp.Page(request, pages.AlreadyConfirmed(confirmation.Subscriber, confirmation.ManageToken)),
            { } confirmation => SubscriptionHttp.Page(request, pages.ConfirmQuestion(confirmation.Subscriber, token)),
            null => SubscriptionHttp.TokenProblem(request, result.Outcome),
        };
    }
}
