using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class SubmitSubscribePage(SubscriptionService subscriptions, SubscribePage page)
{
    /// <summary>
    /// <c>POST /api/subscribe</c>: the form of the subscribe page, handled by the same service as
    /// <c>POST /api/subscriptions</c>; answers with a page (the form again, with errors, when invalid).
    /// </summary>
    [Function(nameof(SubmitSubscribePage))]
    [ClientRateLimited]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (form, problem) = await SubscriptionHttp.ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return problem!;
        }

        var language = SubscriptionHttp.Language(request);
        var values = new SubscriptionRequest
        {
            Channel = form.GetValueOrDefault("channel").ToString(),
            Email = form.GetValueOrDefault("email").ToString(),
            Url = form.GetValueOrDefault("url").ToString(),
            Pillars = form.GetValueOrDefault("pillars").ToArray(),
            Language = form.GetValueOrDefault("language").ToString(),
            Frequency = form.GetValueOrDefault("frequency").ToString(),
        };
        if (values.Channel == "email")
        {
            values.Url = null;
        }
        else
        {
            values.Email = null;
        }

        var result = await subscriptions.SubscribeAsync(values, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            SubscribeOutcome.Invalid => SubscriptionHttp.Page(request, SubscribePage.Form(language, values, result.Errors), StatusCodes.Status400BadRequest),
            SubscribeOutcome.RateLimited => SubscriptionHttp.TooManyRequestsPage(request, result.RetryAfter!.Value, language),
            SubscribeOutcome.EmailAccepted => SubscriptionHttp.Page(request, SubscribePage.EmailAccepted(language), StatusCodes.Status202Accepted),
            _ => SubscriptionHttp.Page(request, page.WebhookCreated(language, result), StatusCodes.Status201Created),
        };
    }
}
