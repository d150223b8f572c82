using System.Text;
using System.Text.Encodings.Web;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// The small server-rendered pages (confirm, manage, unsubscribe, errors) in English or French: every value is
/// HTML-encoded, no script, the site's one stylesheet (<see cref="Site.SiteStylesheet"/>), labelled form controls and a
/// <c>lang</c> attribute; every result page links back.
/// </summary>
public sealed class SubscriptionPages(SubscriptionLinks links)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The explicit <c>?lang=</c> when valid, else the subscriber's, else from Accept-Language, else English.</summary>
    public static Language ChooseLanguage(string? queryLang, Language? subscriberLang, string? acceptLanguage) =>
        Language.TryParse(queryLang, out var language) ? language : subscriberLang ?? Language.FromAcceptLanguage(acceptLanguage);

    public string Confirmed(Subscriber subscriber, string manageToken)
    {
        var t = SubscriptionTexts.For(subscriber.Language);
        var body = $"<p class=\"notice\">{E(t.ConfirmedBody)}</p>{Summary(subscriber, t)}<p><a href=\"{E(links.Manage(manageToken).AbsoluteUri)}\">{E(t.ManageAction)}</a></p>";
        return Layout(t, t.ConfirmedTitle, body);
    }

    /// <summary>The page a confirmation link opens: one button that confirms by POST, so a link scanner confirms nothing.</summary>
    public string ConfirmQuestion(Subscriber subscriber, string confirmToken)
    {
        var t = SubscriptionTexts.For(subscriber.Language);
        var body = $"<p>{E(t.ConfirmPageBody)}</p>{Summary(subscriber, t)}" +
            $"<form method=\"post\" action=\"{E(links.ConfirmAction().AbsoluteUri)}?lang={E(t.Lang.Code)}\">" +
            $"<input type=\"hidden\" name=\"token\" value=\"{E(confirmToken)}\"><button type=\"submit\">{E(t.ConfirmAction)}</button></form>";
        return Layout(t, t.ConfirmPageTitle, body);
    }

    public string AlreadyConfirmed(Subscriber subscriber, string manageToken)
    {
        var t = SubscriptionTexts.For(subscriber.Language);
        var body = $"<p class=\"notice\">{E(t.AlreadyConfirmedBody)}</p><p><a href=\"{E(links.Manage(manageToken).AbsoluteUri)}\">{E(t.ManageAction)}</a></p>";
        return Layout(t, t.AlreadyConfirmedTitle, body);
    }

    public static string TooManyRequests(Language language, TimeSpan retryAfter)
    {
        var t = SubscriptionTexts.For(language);
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return Layout(t, t.TooManyTitle, $"<p class=\"error\" role=\"alert\">{E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.TooManyBody, minutes))}</p>{BackToSubscribe(t)}");
    }

    public string NewManageLink(string manageToken, Language language)
    {
        var t = SubscriptionTexts.For(language);
        var link = links.Manage(manageToken).AbsoluteUri;
        return Layout(t, t.NewLinkTitle, $"<p class=\"notice\">{E(t.NewLinkBody)}</p><p><a href=\"{E(link)}?lang={E(t.Lang.Code)}\">{E(link)}</a></p>");
    }

    public static string InvalidLink(Language language)
    {
        var t = SubscriptionTexts.For(language);
        return Layout(t, t.InvalidLinkTitle, $"<p class=\"error\">{E(t.InvalidLinkBody)}</p>{BackToSubscribe(t)}");
    }

    public static string ExpiredLink(Language language)
    {
        var t = SubscriptionTexts.For(language);
        return Layout(t, t.ExpiredLinkTitle, $"<p class=\"error\">{E(t.ExpiredLinkBody)}</p>{BackToSubscribe(t)}");
    }

    /// <summary>The answer to <b>Verify again</b> on the manage page.</summary>
    public string WebhookVerification(Subscriber subscriber, string manageToken, Language language, WebhookVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var t = SubscriptionTexts.For(language);
        var body = verification.Succeeded
            ? $"<p class=\"notice\" role=\"status\">{E(t.VerifiedBody)}</p>"
            : $"<p class=\"error\" role=\"alert\">{E(t.NotVerifiedBody)} <span lang=\"en\">{E(verification.Error ?? "")}</span></p>";
        return Layout(t, verification.Succeeded ? t.VerifiedTitle : t.NotVerifiedTitle, body + Summary(subscriber, t) + BackToManage(t, manageToken));
    }

    /// <summary>The new signing secret after <b>Rotate the signing secret</b>: shown this once.</summary>
    public string SecretRotated(string secret, DateTimeOffset? previousValidUntil, string manageToken, Language language)
    {
        var t = SubscriptionTexts.For(language);
        var until = previousValidUntil is { } at ? t.Written(at) : "";
        var body = $"<p>{E(string.Format(t.Culture, t.RotatedBody, until))}</p>" +
            $"<p><label for=\"secret\">{E(t.SecretLabel)}</label><input id=\"secret\" readonly spellcheck=\"false\" value=\"{E(secret)}\"></p>{BackToManage(t, manageToken)}";
        return Layout(t, t.RotatedTitle, body);
    }

    /// <param name="saved">Shows the "saved" notice; <paramref name="pillarError"/> shows the error on the pillars instead.</param>
    public string Manage(Subscriber subscriber, string manageToken, Language language, bool saved = false, bool pillarError = false)
    {
        var t = SubscriptionTexts.For(language);
        var html = new StringBuilder();
        if (saved)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(t.Saved)).Append("</p>");
        }

        if (pillarError)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(E(t.ChoosePillar)).Append("</p>");
        }

        html.Append(Summary(subscriber, t));
        if (subscriber.Status != SubscriberStatus.Unsubscribed)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(links.Manage(manageToken).AbsoluteUri)).Append("?lang=").Append(E(t.Lang.Code)).Append("\">");
            html.Append("<fieldset><legend>").Append(E(t.Pillars)).Append("</legend>");
            foreach (var pillar in PillarCatalog.All)
            {
                var id = "pillar-" + pillar.Id;
                html.Append("<label for=\"").Append(E(id)).Append("\"><input type=\"checkbox\" name=\"pillars\" id=\"").Append(E(id))
                    .Append("\" value=\"").Append(E(pillar.Id)).Append('"').Append(subscriber.Pillars.Contains(pillar.Id) ? " checked" : "").Append("> ")
                    .Append(E(pillar.Name(t.Lang))).Append("</label>");
            }

            html.Append("</fieldset><fieldset><legend>").Append(E(t.Language)).Append("</legend>");
            foreach (var option in Language.All)
            {
                html.Append("<label for=\"lang-").Append(option.Code).Append("\"><input type=\"radio\" name=\"language\" id=\"lang-").Append(option.Code).Append("\" value=\"").Append(option.Code).Append('"')
                    .Append(subscriber.Language == option ? " checked" : "").Append("> ").Append(E(option.Name)).Append("</label>");
            }

            html.Append("</fieldset><fieldset><legend>").Append(E(t.Frequency)).Append("</legend>");
            var webhook = subscriber.Channel == SubscriptionChannel.Webhook;
            if (webhook)
            {
                // Digests are emails: a webhook gets each alert as it comes.
                html.Append("<p class=\"hint\">").Append(E(t.WebhookFrequencyHint)).Append("</p>");
            }

            foreach (var frequency in Enum.GetValues<SubscriptionFrequency>().Where(f => !webhook || f == SubscriptionFrequency.Immediate))
            {
                var name = frequency.Name();
                html.Append("<label for=\"frequency-").Append(name).Append("\"><input type=\"radio\" name=\"frequency\" id=\"frequency-").Append(name).Append("\" value=\"").Append(name).Append('"')
                    .Append(subscriber.Frequency == frequency ? " checked" : "").Append("> ").Append(E(t.FrequencyName(frequency))).Append("</label>");
            }

            html.Append("</fieldset><button type=\"submit\">").Append(E(t.Save)).Append("</button></form>");
            html.Append("<p><a href=\"").Append(E(links.Unsubscribe(manageToken).AbsoluteUri)).Append("?lang=").Append(E(t.Lang.Code)).Append("\">").Append(E(t.Unsubscribe)).Append("</a></p>");
            if (webhook)
            {
                html.Append("<form method=\"post\" action=\"").Append(E(links.VerifyWebhook(manageToken).AbsoluteUri)).Append("?lang=").Append(E(t.Lang.Code)).Append("\">")
                    .Append("<p class=\"hint\">").Append(E(t.VerifyHint)).Append("</p><button type=\"submit\">").Append(E(t.VerifyAgain)).Append("</button></form>");
                html.Append("<form method=\"post\" action=\"").Append(E(links.RotateWebhookSecret(manageToken).AbsoluteUri)).Append("?lang=").Append(E(t.Lang.Code)).Append("\">")
                    .Append("<p class=\"hint\">").Append(E(t.RotateSecretHint)).Append("</p><button type=\"submit\">")
                    .Append(E(t.RotateSecret)).Append("</button></form>");
            }

            html.Append("<form method=\"post\" action=\"").Append(E(links.RotateManageLink(manageToken).AbsoluteUri)).Append("?lang=").Append(E(t.Lang.Code)).Append("\">")
                .Append("<p>").Append(E(t.NewLinkHint)).Append("</p><button type=\"submit\">").Append(E(t.NewLinkAction)).Append("</button></form>");
        }

        return Layout(t, t.ManageTitle, html.ToString());
    }

    public string UnsubscribeConfirmation(string manageToken, Language language)
    {
        var t = SubscriptionTexts.For(language);
        var body = $"<p>{E(t.UnsubscribeQuestion)}</p><form method=\"post\" action=\"{E(links.Unsubscribe(manageToken).AbsoluteUri)}?lang={E(t.Lang.Code)}\">" +
            "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">" +
            $"<button type=\"submit\">{E(t.UnsubscribeAction)}</button></form>";
        return Layout(t, t.UnsubscribeTitle, body);
    }

    public static string Unsubscribed(Language language)
    {
        var t = SubscriptionTexts.For(language);
        return Layout(t, t.UnsubscribedTitle, $"<p class=\"notice\">{E(t.UnsubscribedBody)}</p>{BackToSubscribe(t)}");
    }

    private static string Summary(Subscriber subscriber, SubscriptionTexts t)
    {
        var html = new StringBuilder("<dl>");
        html.Append("<dt>").Append(E(t.Status)).Append("</dt><dd>").Append(E(t.StatusName(subscriber.Status))).Append("</dd>");
        if (subscriber.DisabledReason is { } reason)
        {
            // Set by delivery when a webhook endpoint kept failing (see DeliveryOptions.DisableWebhookAfter).
            var on = t.Written(subscriber.DisabledAt ?? DateTimeOffset.UtcNow);
            html.Append("<dt>").Append(E(t.Disabled)).Append("</dt><dd class=\"error\" role=\"alert\">")
                .Append(E(string.Format(System.Globalization.CultureInfo.InvariantCulture, t.DisabledBody, on))).Append(' ').Append(E(reason)).Append("</dd>");
        }

        html.Append("<dt>").Append(E(t.Channel)).Append("</dt><dd>").Append(E(t.ChannelName(subscriber.Channel))).Append(t.Lang.Colon).Append(E(subscriber.Address)).Append("</dd>");
        html.Append("<dt>").Append(E(t.Pillars)).Append("</dt><dd><ul>");
        foreach (var id in subscriber.Pillars)
        {
            html.Append("<li>").Append(E(PillarCatalog.NameOf(id, t.Lang))).Append("</li>");
        }

        html.Append("</ul></dd><dt>").Append(E(t.Language)).Append("</dt><dd>").Append(subscriber.Language.Name).Append("</dd>");
        html.Append("<dt>").Append(E(t.Frequency)).Append("</dt><dd>").Append(E(t.FrequencyName(subscriber.Frequency))).Append("</dd></dl>");
        return html.ToString();
    }

    /// <summary>A link back to the subscribe page, for pages that end a journey.</summary>
    internal static string BackToSubscribe(SubscriptionTexts t) => $"<p><a href=\"/api/subscribe?lang={E(t.Lang.Code)}\">{E(t.BackToSubscribe)}</a></p>";

    private string BackToManage(SubscriptionTexts t, string manageToken) => $"<p><a href=\"{E(links.Manage(manageToken).AbsoluteUri)}?lang={E(t.Lang.Code)}\">{E(t.BackToManage)}</a></p>";

    internal static string Layout(SubscriptionTexts t, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{E(t.Lang.Code)}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"robots\" content=\"noindex\"><title>{E(title)} – {E(t.ServiceName)}</title><link rel=\"stylesheet\" href=\"{Site.SiteStylesheet.Path}\"></head>" +
        $"<body><main class=\"width\"><div class=\"column\"><h1>{E(title)}</h1>{body}</div></main></body></html>";

    internal static string E(string value) => Encoder.Encode(value);
}
