using System.Text;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Validation;
using static HumanSecurityAlerts.Subscriptions.SubscriptionPages;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// The public subscribe page: a plain HTML form (no script, so it works everywhere and under a strict CSP) that
/// posts to <c>/api/subscribe</c>, which runs the same <see cref="SubscriptionService"/> as the JSON API.
/// </summary>
public sealed class SubscribePage(SubscriptionLinks links)
{
    /// <summary>Each field that can be wrong, with the control its error links to, in the form's order.</summary>
    private static readonly (string Field, string Control)[] FieldControls =
    [
        ("channel", "channel-email"),
        ("email", "email"),
        ("url", "url"),
        ("pillars", "pillar-" + PillarCatalog.All[0].Id),
        ("language", "language-en"),
        ("frequency", "frequency-immediate"),
    ];

    public static string Form(Language language, SubscriptionRequest? values = null, FieldErrors? errors = null)
    {
        var t = SubscriptionTexts.For(language);
        var p = SubscribePageTexts.For(language);
        var invalid = errors?.ToDictionary() ?? new Dictionary<string, string[]>();
        var html = new StringBuilder();
        html.Append("<p><a href=\"?lang=").Append(E(t.Lang.Other.Code)).Append("\" lang=\"").Append(E(t.Lang.Other.Code)).Append("\">").Append(E(p.OtherLanguage)).Append("</a></p>");
        html.Append("<p>").Append(E(p.Intro)).Append("</p>");
        if (invalid.Count > 0)
        {
            // The GOV.UK error summary: each item links to the first control of its field.
            html.Append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\"><h2 id=\"error-summary-title\">").Append(E(p.ErrorSummary)).Append("</h2><ul>");
            foreach (var (field, control) in FieldControls.Where(f => invalid.ContainsKey(f.Field)))
            {
                html.Append("<li><a href=\"#").Append(E(control)).Append("\">").Append(E(p.FieldErrors[field])).Append("</a></li>");
            }

            html.Append("</ul></div>");
        }

        // The email field shows for email, the webhook URL and its hint for webhook (CSS :has(), no script; all show where :has() is not supported).
        html.Append("<form class=\"subscribe\" method=\"post\" action=\"subscribe?lang=").Append(E(t.Lang.Code)).Append("\" novalidate>");

        var channel = values?.Channel ?? "email";
        html.Append("<fieldset><legend>").Append(E(p.Channel)).Append("</legend>");
        Radio(html, "channel", "email", p.Email, channel == "email");
        Radio(html, "channel", "webhook", p.Webhook, channel == "webhook");
        Errors(html, p, invalid, "channel");
        html.Append("</fieldset>");

        html.Append("<div class=\"email-only\">");
        Input(html, p, "email", "email", p.EmailAddress, values?.Email, invalid);
        html.Append("</div><div class=\"webhook-only\">");
        Input(html, p, "url", "url", p.WebhookUrl, values?.Url, invalid, "url-hint");
        html.Append("<p class=\"hint\" id=\"url-hint\">").Append(E(p.WebhookHint)).Append("</p></div>");

        html.Append("<fieldset><legend>").Append(E(t.Pillars)).Append("</legend>");
        foreach (var pillar in PillarCatalog.All)
        {
            var id = "pillar-" + pillar.Id;
            var chosen = values?.Pillars?.Contains(pillar.Id) == true;
            html.Append("<label for=\"").Append(E(id)).Append("\"><input type=\"checkbox\" name=\"pillars\" id=\"").Append(E(id)).Append("\" value=\"")
                .Append(E(pillar.Id)).Append('"').Append(chosen ? " checked" : "").Append("> ").Append(E(pillar.Name(t.Lang))).Append("</label>");
        }

        Errors(html, p, invalid, "pillars");
        html.Append("</fieldset>");

        // The value sent is shown back as it was, valid or not.
        var subscriptionLanguage = values?.Language ?? t.Lang.Code;
        html.Append("<fieldset><legend>").Append(E(t.Language)).Append("</legend>");
        foreach (var option in Language.All)
        {
            Radio(html, "language", option.Code, option.Name, subscriptionLanguage == option.Code);
        }

        Errors(html, p, invalid, "language");
        html.Append("</fieldset>");

        var frequency = values?.Frequency ?? SubscriptionFrequency.Immediate.Name();
        html.Append("<fieldset><legend>").Append(E(t.Frequency)).Append("</legend>");
        foreach (var option in Enum.GetValues<SubscriptionFrequency>())
        {
            // Digests are emails: webhooks are offered "immediately" only.
            Radio(html, "frequency", option.Name(), t.FrequencyName(option), frequency == option.Name(), option == SubscriptionFrequency.Immediate ? null : "email-only");
        }

        Errors(html, p, invalid, "frequency");
        html.Append("</fieldset><button type=\"submit\">").Append(E(p.Submit)).Append("</button></form>");
        return Layout(t, p.Title, html.ToString());
    }

    public static string EmailAccepted(Language language)
    {
        var p = SubscribePageTexts.For(language);
        var t = SubscriptionTexts.For(language);
        return Layout(t, p.EmailSentTitle, $"<p class=\"notice\" role=\"status\">{E(p.EmailSentBody)}</p>{BackToSubscribe(t)}");
    }

    public string WebhookCreated(Language language, SubscribeResult result)
    {
        var p = SubscribePageTexts.For(language);
        var verified = result.Verification?.Succeeded == true;
        var body = new StringBuilder();
        body.Append("<p class=\"").Append(verified ? "notice" : "error").Append("\" role=\"status\">").Append(E(verified ? p.WebhookVerified : p.WebhookNotVerified)).Append("</p>");
        body.Append("<p><label for=\"secret\">").Append(E(p.SecretLabel)).Append("</label><input id=\"secret\" readonly size=\"60\" value=\"").Append(E(result.Secret ?? "")).Append("\"></p>");
        body.Append("<p><a href=\"").Append(E(links.Manage(result.ManageToken!).AbsoluteUri)).Append("?lang=").Append(E(language.Code)).Append("\">").Append(E(p.ManageLink)).Append("</a></p>");
        var t = SubscriptionTexts.For(language);
        return Layout(t, p.WebhookTitle, body.Append(BackToSubscribe(t)).ToString());
    }

    private static void Radio(StringBuilder html, string name, string value, string label, bool chosen, string? cssClass = null)
    {
        var id = name + "-" + value;
        html.Append("<label").Append(cssClass is null ? "" : $" class=\"{E(cssClass)}\"").Append(" for=\"").Append(E(id)).Append("\"><input type=\"radio\" name=\"").Append(E(name)).Append("\" id=\"").Append(E(id)).Append("\" value=\"")
            .Append(E(value)).Append('"').Append(chosen ? " checked" : "").Append("> ").Append(E(label)).Append("</label>");
    }

    private static void Input(StringBuilder html, SubscribePageTexts p, string name, string type, string label, string? value, IDictionary<string, string[]> invalid, string? hint = null)
    {
        var hasError = invalid.ContainsKey(name);
        var describedBy = string.Join(' ', new[] { hint, hasError ? name + "-error" : null }.OfType<string>());
        html.Append("<p><label for=\"").Append(E(name)).Append("\">").Append(E(label)).Append("</label> <input type=\"").Append(E(type)).Append("\" name=\"").Append(E(name))
            .Append("\" id=\"").Append(E(name)).Append("\" value=\"").Append(E(value ?? "")).Append('"')
            .Append(hasError ? " aria-invalid=\"true\"" : "").Append(describedBy.Length > 0 ? $" aria-describedby=\"{E(describedBy)}\"" : "").Append(" size=\"40\"></p>");
        Errors(html, p, invalid, name, name + "-error");
    }

    private static void Errors(StringBuilder html, SubscribePageTexts p, IDictionary<string, string[]> invalid, string field, string? id = null)
    {
        if (invalid.ContainsKey(field))
        {
            html.Append("<p class=\"error\"").Append(id is null ? "" : $" id=\"{E(id)}\"").Append('>').Append(E(p.FieldErrors[field])).Append("</p>");
        }
    }
}
