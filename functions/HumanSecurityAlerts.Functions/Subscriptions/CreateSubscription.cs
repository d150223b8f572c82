using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class CreateSubscription(SubscriptionService subscriptions, SubscriptionLinks links)
{
    /// <summary>
    /// Email: 202 whatever the address's state (a confirmation email is sent, throttled per address).
    /// Webhook: 201 with the signing secret (shown once), the management URL and the verification result.
    /// </summary>
    [Function(nameof(CreateSubscription))]
    [ClientRateLimited]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SubscriptionRequest>(request, SubscriptionHttp.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var result = await subscriptions.SubscribeAsync(body!, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            SubscribeOutcome.Invalid => Problems.Validation(result.Errors!),
            SubscribeOutcome.RateLimited => Problems.TooManyRequests(request.HttpContext.Response, result.RetryAfter!.Value, "The service is sending many confirmation emails right now."),
            SubscribeOutcome.EmailAccepted => SubscriptionHttp.Json(request, new
            {
                status = "accepted",
                message = "If this address can be subscribed, a confirmation email is on its way. Follow its link within 7 days.",
            }, StatusCodes.Status202Accepted),
            _ => SubscriptionHttp.Json(request, new
            {
                id = result.Subscriber!.Id,
                status = result.Subscriber.Status.Name(),
                secret = result.Secret,
                manageUrl = links.Manage(result.ManageToken!).AbsoluteUri,
                verification = new { succeeded = result.Verification!.Succeeded, error = result.Verification.Error },
            }, StatusCodes.Status201Created),
        };
    }
}
