using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class SubmitConfirmation(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>The button of the confirmation page: activates the subscription. Cross-site posts cannot know the token it carries.</summary>
    [Function(nameof(SubmitConfirmation))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/confirm")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, tooLarge) = await SubscriptionHttp.ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return tooLarge!;
        }

        var result = await subscriptions.ConfirmAsync(form.GetValueOrDefault("token").ToString(), cancellationToken).ConfigureAwait(false);
        return result.Value switch
        {
            { AlreadyConfirmed: true } confirmation => SubscriptionHttp.Page(request, pages.AlreadyConfirmed(confirmation.Subscriber, confirmation.ManageToken)),
            { } confirmation => SubscriptionHttp.Page(request, pages.Confirmed(confirmation.Subscriber, confirmation.ManageToken)),
            null => SubscriptionHttp.TokenProblem(request, result.Outcome),
        };
    }
}
