using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class UpdateSubscription(SubscriptionService subscriptions, SubscriptionPages pages)
{
    /// <summary>Changes pillars, language and frequency: a form post from the page (HTML answer) or JSON (JSON answer).</summary>
    [Function(nameof(UpdateSubscription))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions/manage/{token}")] HttpRequest request,
        string token,
        CancellationToken cancellationToken)
    {
        if (SubscriptionHttp.IsJson(request))
        {
            var (body, problem) = await JsonBody.ReadAsync<PreferencesBody>(request, SubscriptionHttp.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            var changed = await subscriptions.ChangePreferencesAsync(token, new PreferenceChange(body!.Pillars?.ToList(), body.Language, body.Frequency), cancellationToken).ConfigureAwait(false);
            return changed.Value switch
            {
                null => SubscriptionHttp.TokenProblemJson(changed.Outcome),
                { Errors: { } errors } => Problems.Validation(errors),
                { } update => SubscriptionHttp.Json(request, SubscriptionJson.From(update.Subscriber)),
            };
        }

        var (form, tooLarge) = await SubscriptionHttp.ReadFormAsync(request, cancellationToken).ConfigureAwait(false);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var change = new PreferenceChange(
            form!.TryGetValue("pillars", out var pillars) ? pillars.ToList() : [],
            form.TryGetValue("language", out var language) ? language.ToString() : null,
            form.TryGetValue("frequency", out var frequency) ? frequency.ToString() : null);
        var result = await subscriptions.ChangePreferencesAsync(token, change, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            return SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        var subscriber = result.Value.Subscriber;
        return result.Value.Saved
            ? SubscriptionHttp.Page(request, pages.Manage(subscriber, token, subscriber.Language, saved: true))
            : SubscriptionHttp.Page(request, pages.Manage(subscriber, token, SubscriptionHttp.Language(request, subscriber.Language), pillarError: true), StatusCodes.Status400BadRequest);
    }

    internal sealed class PreferencesBody
    {
#pragma warning disable CA2227 // Bound from JSON.
        public IList<string?>? Pillars { get; set; }
#pragma warning restore CA2227

        public string? Language { get; set; }

        public string? Frequency { get; set; }
    }
}
