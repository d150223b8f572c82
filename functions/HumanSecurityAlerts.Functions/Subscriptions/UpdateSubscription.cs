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
            return changed.Outcome switch
            {
                TokenOutcome.Ok => SubscriptionHttp.Json(request, SubscriptionJson.From(changed.Subscriber!)),
                TokenOutcome.Invalid => Problems.Validation(changed.Errors!),
                _ => SubscriptionHttp.TokenProblemJson(changed.Outcome),
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
        if (result.Outcome is not (TokenOutcome.Ok or TokenOutcome.Invalid))
        {
            return SubscriptionHttp.TokenProblem(request, result.Outcome);
        }

        var lang = SubscriptionHttp.Language(request, result.Subscriber!.Language);
        return result.Outcome == TokenOutcome.Ok
            ? SubscriptionHttp.Page(request, pages.Manage(result.Subscriber, token, result.Subscriber.Language, saved: true))
            : SubscriptionHttp.Page(request, pages.Manage(result.Subscriber, token, lang, pillarError: true), StatusCodes.Status400BadRequest);
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
