using System.Globalization;
using System.Text;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using static HumanSecurityAlerts.Subscriptions.SubscriptionPages;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>
/// The admin console's pages, server-rendered: no script, one shared stylesheet (<see cref="Site.SiteStylesheet"/>),
/// every value HTML-encoded, every form posting its anti-forgery token. Paths are root-relative under <see cref="Root"/>.
/// </summary>
public static class ConsolePages
{
    public const string Root = "/api/console";
    public const string SignInPath = Root + "/sign-in";
    public const string SignOutPath = Root + "/sign-out";
    public const string NewReleasePath = Root + "/releases/new";
    public const string ReleasesPath = Root + "/releases";
    public const string PublicationsPath = Root + "/publications";
    public const string FeedsPath = Root + "/feeds";
    public const string ReplayPath = Root + "/dead-letters/replay";
    public const string AntiForgeryField = "__csrf";

    private const int ContextChars = 60;
    private const int MaxEvidenceRows = 25;

    public static string PublicationPath(string id) => PublicationsPath + "/" + Uri.EscapeDataString(id);

    public static string With(string path, Language language) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=" + language.Code;

    public static string SignIn(Language language, string formToken, bool keyEnabled, bool entraEnabled, bool wrongKey)
    {
        var t = ConsoleTexts.For(language);
        var html = new StringBuilder();
        if (wrongKey)
        {
            ErrorSummary(html, t, [("key", t.WrongKey)]);
        }

        html.Append("<p>").Append(E(t.SignInIntro)).Append("</p>");
        if (keyEnabled)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(With(SignInPath, t.Lang))).Append("\">");
            html.Append("<input type=\"hidden\" name=\"").Append(AntiForgeryField).Append("\" value=\"").Append(E(formToken)).Append("\">");
            html.Append("<div class=\"field").Append(wrongKey ? " field-error" : "").Append("\"><label for=\"key\">").Append(E(t.AdminKey)).Append("</label>");
            if (wrongKey)
            {
                html.Append("<p class=\"error-message\" id=\"key-error\">").Append(E(t.WrongKey)).Append("</p>");
            }

            html.Append("<input class=\"input\" type=\"password\" id=\"key\" name=\"key\" autocomplete=\"current-password\" spellcheck=\"false\"")
                .Append(wrongKey ? " aria-invalid=\"true\" aria-describedby=\"key-error\"" : "").Append("></div>");
            html.Append("<button type=\"submit\" class=\"button\">").Append(E(t.SignInAction)).Append("</button></form>");
        }

        if (entraEnabled)
        {
            html.Append("<p><a class=\"button button-secondary\" href=\"/.auth/login/aad?post_login_redirect_uri=").Append(E(Uri.EscapeDataString(With(PublicationsPath, t.Lang))))
                .Append("\">").Append(E(t.SignInWithEntra)).Append("</a></p>");
        }

        return Layout(t, t.SignInTitle, html.ToString(), chrome: null, languagePath: SignInPath);
    }

    public static string TooManySignIns(Language language, TimeSpan retryAfter)
    {
        var t = ConsoleTexts.For(language);
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return Layout(t, t.TooManyTitle, $"<p class=\"error-message\" role=\"alert\">{E(string.Format(t.Culture, t.TooManyBody, minutes))}</p><p><a href=\"{E(With(SignInPath, t.Lang))}\">{E(t.Back)}</a></p>", null, SignInPath);
    }

    public static string SignedOut(Language language)
    {
        var t = ConsoleTexts.For(language);
        return Layout(t, t.SignedOutTitle, $"<p role=\"status\">{E(t.SignedOutBody)}</p><p><a href=\"{E(With(SignInPath, t.Lang))}\">{E(t.SignInAgain)}</a></p>", null, SignInPath);
    }

    public static string Refused(Language language)
    {
        var t = ConsoleTexts.For(language);
        return Layout(t, t.RefusedTitle, $"<p class=\"error-message\" role=\"alert\">{E(t.RefusedBody)}</p><p><a href=\"{E(With(PublicationsPath, t.Lang))}\">{E(t.Back)}</a></p>", null, SignInPath);
    }

    public static string NewRelease(ConsoleChrome chrome, ReleasePage page)
    {
        ArgumentNullException.ThrowIfNull(chrome);
        ArgumentNullException.ThrowIfNull(page);
        var t = ConsoleTexts.For(chrome.Language);
        var errors = page.Errors?.ToDictionary() ?? new Dictionary<string, string[]>();
        var html = new StringBuilder();
        if (errors.Count > 0)
        {
            ErrorSummary(html, t, errors.Select(e => (FieldId(e.Key), string.Join(" ", e.Value))).ToList(), englishMessages: t.Lang != Language.En);
        }

        var form = page.Form;
        html.Append("<form method=\"post\" action=\"").Append(E(With(ReleasesPath, t.Lang))).Append("\" novalidate>");
        AntiForgery(html, chrome);
        TextField(html, t, errors, "title", t.Title, form.Title, "text");
        TextField(html, t, errors, "url", t.Url, form.Url, "url");
        html.Append("<div class=\"field").Append(errors.ContainsKey("language") ? " field-error" : "").Append("\"><label for=\"language\">").Append(E(t.Language)).Append("</label>");
        FieldError(html, t, errors, "language");
        html.Append("<select class=\"select\" id=\"language\" name=\"language\">");
        foreach (var (value, label) in new[] { ("", t.LanguageDetect), ("en", t.English), ("fr", t.French) })
        {
            html.Append("<option value=\"").Append(value).Append('"').Append(form.Language == value ? " selected" : "").Append('>').Append(E(label)).Append("</option>");
        }

        html.Append("</select></div>");
        TextField(html, t, errors, "publishedAt", t.PublishedAt, form.PublishedAt, "date", t.PublishedAtHint);
        TextArea(html, t, errors, "summary", t.Summary, form.Summary, 3);
        TextArea(html, t, errors, "text", t.Text, form.Text, 12);
        html.Append("<button type=\"submit\" class=\"button button-secondary\" name=\"action\" value=\"preview\">").Append(E(t.Preview)).Append("</button>");

        if (page.Preview is { } preview)
        {
            html.Append("<section aria-labelledby=\"preview-title\"><h2 id=\"preview-title\">").Append(E(t.PreviewTitle)).Append("</h2>");
            if (preview.Existing is { } existing)
            {
                html.Append("<p class=\"notice\" role=\"status\">").Append(E(t.AlreadyExists)).Append(" <a href=\"").Append(E(With(PublicationPath(existing), t.Lang))).Append("\">")
                    .Append(E(existing)).Append("</a></p>");
            }

            html.Append("<p>").Append(E(t.PreviewIntro)).Append("</p>");
            Scores(html, t, preview.Classification);
            html.Append("<input type=\"hidden\" name=\"choose\" value=\"1\">");
            html.Append("<fieldset class=\"fieldset\"><legend>").Append(E(t.PillarsToPublish)).Append("</legend>");
            foreach (var pillar in PillarCatalog.All)
            {
                var id = "pillar-" + pillar.Id;
                html.Append("<div class=\"choice\"><input type=\"checkbox\" name=\"pillars\" id=\"").Append(E(id)).Append("\" value=\"").Append(E(pillar.Id)).Append('"')
                    .Append(preview.Classification.Pillars.Contains(pillar.Id) ? " checked" : "").Append("><label for=\"").Append(E(id)).Append("\">")
                    .Append(E(pillar.Name(t.Lang))).Append("</label></div>");
            }

            html.Append("</fieldset><button type=\"submit\" class=\"button\" name=\"action\" value=\"publish\">").Append(E(t.Publish)).Append("</button>");
            Evidence(html, t, preview.Classification, preview.Fields);
            html.Append("</section>");
        }

        html.Append("</form>");
        return Layout(t, t.NewRelease, html.ToString(), chrome, NewReleasePath);
    }

    public static string Publications(ConsoleChrome chrome, IReadOnlyList<PublicationRow> rows, string? pillar, string? language, string? next)
    {
        ArgumentNullException.ThrowIfNull(chrome);
        ArgumentNullException.ThrowIfNull(rows);
        var t = ConsoleTexts.For(chrome.Language);
        var html = new StringBuilder();
        html.Append("<form method=\"get\" action=\"").Append(PublicationsPath).Append("\" class=\"filters\"><input type=\"hidden\" name=\"lang\" value=\"").Append(E(t.Lang.Code)).Append("\">");
        html.Append("<div class=\"field\"><label for=\"pillar\">").Append(E(t.Pillar)).Append("</label><select class=\"select\" id=\"pillar\" name=\"pillar\"><option value=\"\">").Append(E(t.AllPillars)).Append("</option>");
        foreach (var p in PillarCatalog.All)
        {
            html.Append("<option value=\"").Append(E(p.Id)).Append('"').Append(pillar == p.Id ? " selected" : "").Append('>').Append(E(p.Name(t.Lang))).Append("</option>");
        }

        html.Append("</select></div><div class=\"field\"><label for=\"language\">").Append(E(t.Language)).Append("</label><select class=\"select\" id=\"language\" name=\"language\"><option value=\"\">")
            .Append(E(t.AllLanguages)).Append("</option>");
        foreach (var (value, label) in new[] { ("en", t.English), ("fr", t.French) })
        {
            html.Append("<option value=\"").Append(value).Append('"').Append(language == value ? " selected" : "").Append('>').Append(E(label)).Append("</option>");
        }

        html.Append("</select></div><button type=\"submit\" class=\"button button-secondary\">").Append(E(t.Filter)).Append("</button></form>");
        if (rows.Count == 0)
        {
            html.Append("<p>").Append(E(t.NoPublications)).Append("</p>");
        }
        else
        {
            Table(html, t.Publications).Append("<thead><tr><th scope=\"col\">").Append(E(t.Date))
                .Append("</th><th scope=\"col\">").Append(E(t.Title)).Append("</th><th scope=\"col\">").Append(E(t.Language)).Append("</th><th scope=\"col\">").Append(E(t.Pillar))
                .Append("</th><th scope=\"col\">").Append(E(t.Deliveries)).Append("</th></tr></thead><tbody>");
            foreach (var row in rows)
            {
                var p = row.Publication;
                html.Append("<tr><td>").Append(E(t.Written(p.PublishedAt))).Append("</td><td><a href=\"").Append(E(With(PublicationPath(p.Id), t.Lang))).Append("\">").Append(E(p.Title)).Append("</a></td><td>")
                    .Append(E(p.Language)).Append("</td><td>").Append(PillarList(t, p.Pillars)).Append("</td><td>").Append(CountsList(t, row.ByChannel)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        if (next is not null)
        {
            var query = "?lang=" + t.Lang.Code + (pillar is null ? "" : "&pillar=" + Uri.EscapeDataString(pillar)) + (language is null ? "" : "&language=" + Uri.EscapeDataString(language))
                + "&continuationToken=" + Uri.EscapeDataString(next);
            html.Append("<p><a href=\"").Append(E(PublicationsPath + query)).Append("\">").Append(E(t.NextPage)).Append("</a></p>");
        }

        return Layout(t, t.Publications, html.ToString(), chrome, PublicationsPath);
    }

    /// <param name="notice">Already worded (e.g. "Published."); shown as a status message.</param>
    public static string Publication(ConsoleChrome chrome, PublicationDetail detail, string? notice)
    {
        ArgumentNullException.ThrowIfNull(chrome);
        ArgumentNullException.ThrowIfNull(detail);
        var t = ConsoleTexts.For(chrome.Language);
        var p = detail.Publication;
        var html = new StringBuilder();
        if (notice is not null)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(E(notice)).Append("</p>");
        }

        html.Append("<dl class=\"summary-list\"><dt>").Append(E(t.Url)).Append("</dt><dd><a href=\"").Append(E(p.Url.AbsoluteUri)).Append("\">").Append(E(p.Url.AbsoluteUri)).Append("</a></dd>")
            .Append("<dt>").Append(E(t.PublishedAt)).Append("</dt><dd>").Append(E(t.Written(p.PublishedAt))).Append("</dd>")
            .Append("<dt>").Append(E(t.Language)).Append("</dt><dd>").Append(E(p.Language)).Append("</dd>")
            .Append("<dt>").Append(E(t.Source)).Append("</dt><dd>").Append(E(p.Source)).Append("</dd>")
            .Append("<dt>").Append(E(t.Pillar)).Append("</dt><dd>").Append(PillarList(t, p.Pillars)).Append(" <span class=\"hint\">(").Append(E(p.PillarsSetByAdmin ? t.PillarsSetByAdmin : t.PillarsByClassifier))
            .Append(")</span></dd></dl>");

        html.Append("<h2>").Append(E(t.Deliveries)).Append("</h2>");
        Table(html, t.Deliveries, "deliveries").Append("<thead><tr><th scope=\"col\">").Append(E(t.Channel))
            .Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Delivered)).Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Pending))
            .Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Failed)).Append("</th></tr></thead><tbody>");
        foreach (var channel in new[] { "email", "webhook" })
        {
            var c = detail.ByChannel.GetValueOrDefault(channel) ?? new DeliveryCounts(0, 0, 0);
            html.Append("<tr data-channel=\"").Append(channel).Append("\"><th scope=\"row\">").Append(E(t.ChannelNames[channel])).Append("</th><td class=\"numeric\" data-count=\"delivered\">").Append(c.Delivered)
                .Append("</td><td class=\"numeric\" data-count=\"pending\">").Append(c.Pending).Append("</td><td class=\"numeric\" data-count=\"failed\">").Append(c.Failed).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
        html.Append("<form method=\"post\" action=\"").Append(E(With(PublicationPath(p.Id) + "/resend", t.Lang))).Append("\">");
        AntiForgery(html, chrome);
        html.Append("<p class=\"hint\" id=\"resend-hint\">").Append(E(t.ResendHint)).Append("</p><button type=\"submit\" class=\"button button-secondary\" aria-describedby=\"resend-hint\">")
            .Append(E(t.Resend)).Append("</button></form>");

        html.Append("<h2>").Append(E(t.Failures)).Append("</h2>");
        if (detail.Failures.Count == 0)
        {
            html.Append("<p>").Append(E(t.NoFailures)).Append("</p>");
        }
        else
        {
            Table(html, t.Failures).Append("<thead><tr><th scope=\"col\">").Append(E(t.Subscriber))
                .Append("</th><th scope=\"col\">").Append(E(t.Channel)).Append("</th><th scope=\"col\">").Append(E(t.Status)).Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Attempts))
                .Append("</th><th scope=\"col\">").Append(E(t.Reason)).Append("</th></tr></thead><tbody>");
            foreach (var f in detail.Failures)
            {
                html.Append("<tr><td>").Append(E(f.SubscriberId)).Append("</td><td>").Append(E(t.ChannelNames.GetValueOrDefault(f.Channel, f.Channel))).Append("</td><td>").Append(E(f.Status))
                    .Append("</td><td class=\"numeric\">").Append(f.Attempts).Append("</td><td><span lang=\"en\">").Append(E(f.Reason ?? "")).Append("</span></td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<h2>").Append(E(t.DeadLetters)).Append("</h2>");
        if (detail.DeadLetters.Count == 0)
        {
            html.Append("<p>").Append(E(t.NoDeadLetters)).Append("</p>");
        }
        else
        {
            Table(html, t.DeadLetters, "dead-letters").Append("<thead><tr><th scope=\"col\">").Append(E(t.Subscriber))
                .Append("</th><th scope=\"col\">").Append(E(t.Date)).Append("</th><th scope=\"col\">").Append(E(t.Reason)).Append("</th><th scope=\"col\">").Append(E(t.Replay)).Append("</th></tr></thead><tbody>");
            foreach (var d in detail.DeadLetters)
            {
                html.Append("<tr><td>").Append(E(d.SubscriberId ?? "")).Append(' ').Append(E(t.ChannelNames.GetValueOrDefault(d.Channel ?? "", d.Channel ?? ""))).Append("</td><td>").Append(E(t.Written(d.EnqueuedAt)))
                    .Append("</td><td><span lang=\"en\">").Append(E(d.Reason ?? "")).Append(": ").Append(E(d.Description ?? "")).Append("</span></td><td><form method=\"post\" action=\"")
                    .Append(E(With(ReplayPath, t.Lang))).Append("\">");
                AntiForgery(html, chrome);
                html.Append("<input type=\"hidden\" name=\"deliveryId\" value=\"").Append(E(d.DeliveryId)).Append("\"><input type=\"hidden\" name=\"publicationId\" value=\"").Append(E(p.Id))
                    .Append("\"><button type=\"submit\" class=\"button button-secondary\">").Append(E(t.Replay)).Append("<span class=\"visually-hidden\"> ").Append(E(d.DeliveryId)).Append("</span></button></form></td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        html.Append("<h2>").Append(E(t.Evidence)).Append("</h2>");
        Scores(html, t, p.Classification);
        Evidence(html, t, p.Classification, new PlainFields(p.Title, p.Summary, p.Text));
        html.Append("<p><a href=\"").Append(E(With(PublicationsPath, t.Lang))).Append("\">").Append(E(t.Publications)).Append("</a></p>");
        return Layout(t, p.Title, html.ToString(), chrome, PublicationPath(p.Id));
    }

    public static string NotFound(ConsoleChrome chrome)
    {
        ArgumentNullException.ThrowIfNull(chrome);
        var t = ConsoleTexts.For(chrome.Language);
        return Layout(t, t.PublicationNotFound, $"<p><a href=\"{E(With(PublicationsPath, t.Lang))}\">{E(t.Publications)}</a></p>", chrome, PublicationsPath);
    }

    public static string Feeds(ConsoleChrome chrome, IReadOnlyList<FeedRow> feeds)
    {
        ArgumentNullException.ThrowIfNull(chrome);
        ArgumentNullException.ThrowIfNull(feeds);
        var t = ConsoleTexts.For(chrome.Language);
        var html = new StringBuilder("<p>").Append(E(t.FeedsIntro)).Append("</p>");
        if (feeds.Count == 0)
        {
            html.Append("<p>").Append(E(t.NoFeeds)).Append("</p>");
        }
        else
        {
            Table(html, t.Feeds).Append("<thead><tr><th scope=\"col\">").Append(E(t.Feed))
                .Append("</th><th scope=\"col\">").Append(E(t.LastFetch)).Append("</th><th scope=\"col\">").Append(E(t.Status)).Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.NewItems))
                .Append("</th></tr></thead><tbody>");
            foreach (var f in feeds)
            {
                html.Append("<tr><td>").Append(E(f.Name)).Append("<br><span class=\"hint\">").Append(E(f.Url.AbsoluteUri)).Append("</span></td><td>")
                    .Append(E(f.LastFetchedAt is { } at ? t.Written(at) : t.Never)).Append("</td><td>")
                    .Append(f.LastError is null ? E(f.LastFetchedAt is null ? "" : t.Ok) : "<span class=\"error-message\" lang=\"en\">" + E(f.LastError) + "</span>")
                    .Append("</td><td class=\"numeric\">").Append(f.NewItems?.ToString(CultureInfo.InvariantCulture) ?? "").Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        return Layout(t, t.Feeds, html.ToString(), chrome, FeedsPath);
    }

    internal static void Scores(StringBuilder html, ConsoleTexts t, PublicationClassification classification)
    {
        Table(html, t.Score, "scores").Append("<thead><tr><th scope=\"col\">").Append(E(t.Pillar))
            .Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Score)).Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Threshold)).Append("</th><th scope=\"col\">")
            .Append(E(t.Status)).Append("</th></tr></thead><tbody>");
        foreach (var pillar in PillarCatalog.All)
        {
            var score = classification.Scores.GetValueOrDefault(pillar.Id);
            var found = classification.Pillars.Contains(pillar.Id);
            html.Append("<tr data-pillar=\"").Append(E(pillar.Id)).Append("\"><th scope=\"row\">").Append(E(pillar.Name(t.Lang))).Append("</th><td class=\"numeric\">").Append(E(t.Number(score)))
                .Append("</td><td class=\"numeric\">").Append(classification.Threshold is { } threshold ? E(t.Number(threshold)) : "").Append("</td><td>")
                .Append(!found ? E(t.NotFound) : classification.LearnedPillars.Contains(pillar.Id) ? "<strong class=\"tag\">" + E(t.FoundByModel) + "</strong>" : "<strong class=\"tag\">" + E(t.Found) + "</strong>")
                .Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    /// <summary>Per pillar, each match: the term, where it is, its weight, and the text around it with the match highlighted.</summary>
    private static void Evidence(StringBuilder html, ConsoleTexts t, PublicationClassification classification, PlainFields fields)
    {
        html.Append("<h3>").Append(E(t.Evidence)).Append("</h3>");
        if (classification.Evidence.Count == 0)
        {
            html.Append("<p>").Append(E(t.NoEvidence)).Append("</p>");
            return;
        }

        foreach (var pillar in PillarCatalog.All)
        {
            var rows = classification.Evidence.Where(e => e.Pillar == pillar.Id).Take(MaxEvidenceRows).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            html.Append("<section class=\"evidence\" data-pillar=\"").Append(E(pillar.Id)).Append("\"><h4>").Append(E(pillar.Name(t.Lang))).Append("</h4>");
            Table(html, t.Evidence + t.Lang.Colon + pillar.Name(t.Lang)).Append("<thead><tr><th scope=\"col\">").Append(E(t.Term)).Append("</th><th scope=\"col\">").Append(E(t.Where))
                .Append("</th><th scope=\"col\" class=\"numeric\">").Append(E(t.Weight)).Append("</th><th scope=\"col\">").Append(E(t.Context)).Append("</th></tr></thead><tbody>");
            foreach (var e in rows)
            {
                html.Append("<tr><td>").Append(E(e.Term)).Append("</td><td>").Append(E(string.Format(t.Culture, t.Position, t.FieldNames.GetValueOrDefault(e.Field, e.Field), e.Position)))
                    .Append("</td><td class=\"numeric\">").Append(E(t.Number(e.Weight))).Append("</td><td>").Append(Excerpt(fields.Of(e.Field), e.Position, e.Length)).Append("</td></tr>");
            }

            html.Append("</tbody></table></div></section>");
        }
    }

    /// <summary>The match in <c>mark</c> with some text either side; never cuts a surrogate pair.</summary>
    internal static string Excerpt(string text, int position, int length)
    {
        if (position < 0 || length <= 0 || position + length > text.Length)
        {
            return "";
        }

        var start = Math.Max(0, position - ContextChars);
        var end = Math.Min(text.Length, position + length + ContextChars);
        if (start > 0 && char.IsLowSurrogate(text[start]))
        {
            start--;
        }

        if (end < text.Length && char.IsLowSurrogate(text[end]))
        {
            end++;
        }

        return (start > 0 ? "…" : "") + E(text[start..position]) + "<mark>" + E(text.Substring(position, length)) + "</mark>" + E(text[(position + length)..end]) + (end < text.Length ? "…" : "");
    }

    /// <summary>Opens a table in a wrapper that scrolls sideways on narrow screens: a named region, focusable so the keyboard can scroll it.</summary>
    private static StringBuilder Table(StringBuilder html, string label, string? id = null) =>
        html.Append("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"").Append(E(label)).Append("\"><table class=\"table\"")
            .Append(id is null ? "" : " id=\"" + id + "\"").Append("><caption class=\"visually-hidden\">").Append(E(label)).Append("</caption>");

    private static string PillarList(ConsoleTexts t, IReadOnlyList<string> pillars) =>
        pillars.Count == 0
            ? E(t.NoPillars)
            : "<ul class=\"list\">" + string.Concat(pillars.Select(id => "<li>" + E(PillarCatalog.NameOf(id, t.Lang)) + "</li>")) + "</ul>";

    private static string CountsList(ConsoleTexts t, IReadOnlyDictionary<string, DeliveryCounts> byChannel) =>
        byChannel.Count == 0
            ? ""
            : "<ul class=\"list\">" + string.Concat(byChannel.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
                $"<li>{E(t.ChannelNames.GetValueOrDefault(c.Key, c.Key))}{t.Lang.Colon}{c.Value.Delivered} {E(t.Delivered)}, {c.Value.Pending} {E(t.Pending)}, {c.Value.Failed} {E(t.Failed)}</li>")) + "</ul>";

    private static void AntiForgery(StringBuilder html, ConsoleChrome chrome) =>
        html.Append("<input type=\"hidden\" name=\"").Append(AntiForgeryField).Append("\" value=\"").Append(E(chrome.AntiForgeryToken)).Append("\">");

    private static string FieldId(string field) => field switch
    {
        "pillars" => "pillar-" + PillarCatalog.All[0].Id,
        "id" => "url",
        _ => field,
    };

    /// <summary>The GOV.UK pattern: a summary at the top whose items link to the fields to fix.</summary>
    private static void ErrorSummary(StringBuilder html, ConsoleTexts t, IReadOnlyList<(string Field, string Message)> errors, bool englishMessages = false)
    {
        html.Append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\"><h2 id=\"error-summary-title\">").Append(E(t.ErrorSummaryTitle)).Append("</h2><ul>");
        foreach (var (field, message) in errors)
        {
            html.Append("<li><a href=\"#").Append(E(field)).Append('"').Append(englishMessages ? " lang=\"en\"" : "").Append('>').Append(E(message)).Append("</a></li>");
        }

        html.Append("</ul></div>");
    }

    private static void FieldError(StringBuilder html, ConsoleTexts t, IDictionary<string, string[]> errors, string name)
    {
        if (errors.TryGetValue(name, out var messages))
        {
            html.Append("<p class=\"error-message\" id=\"").Append(E(name)).Append("-error\"").Append(t.Lang == Language.En ? "" : " lang=\"en\"").Append('>').Append(E(string.Join(" ", messages))).Append("</p>");
        }
    }

    private static void TextField(StringBuilder html, ConsoleTexts t, IDictionary<string, string[]> errors, string name, string label, string value, string type, string? hint = null)
    {
        var invalid = errors.ContainsKey(name);
        var describedBy = string.Join(' ', new[] { hint is null ? null : name + "-hint", invalid ? name + "-error" : null }.OfType<string>());
        html.Append("<div class=\"field").Append(invalid ? " field-error" : "").Append("\"><label for=\"").Append(E(name)).Append("\">").Append(E(label)).Append("</label>");
        if (hint is not null)
        {
            html.Append("<p class=\"hint\" id=\"").Append(E(name)).Append("-hint\">").Append(E(hint)).Append("</p>");
        }

        FieldError(html, t, errors, name);
        html.Append("<input class=\"input\" type=\"").Append(E(type)).Append("\" id=\"").Append(E(name)).Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append('"')
            .Append(describedBy.Length > 0 ? $" aria-describedby=\"{E(describedBy)}\"" : "").Append(invalid ? " aria-invalid=\"true\"" : "").Append("></div>");
    }

    private static void TextArea(StringBuilder html, ConsoleTexts t, IDictionary<string, string[]> errors, string name, string label, string value, int rows)
    {
        var invalid = errors.ContainsKey(name);
        html.Append("<div class=\"field").Append(invalid ? " field-error" : "").Append("\"><label for=\"").Append(E(name)).Append("\">").Append(E(label)).Append("</label>");
        FieldError(html, t, errors, name);
        html.Append("<textarea class=\"textarea\" id=\"").Append(E(name)).Append("\" name=\"").Append(E(name)).Append("\" rows=\"").Append(rows).Append('"')
            .Append(invalid ? $" aria-invalid=\"true\" aria-describedby=\"{E(name)}-error\"" : "").Append('>').Append(E(value)).Append("</textarea></div>");
    }

    private static string Layout(ConsoleTexts t, string title, string body, ConsoleChrome? chrome, string languagePath)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(t.Lang.Code)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(E(title)).Append(" – ").Append(E(t.ServiceName)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Site.SiteStylesheet.Path).Append("\"></head><body>");
        html.Append("<header class=\"header\"><div class=\"width header-inner\"><a class=\"brand\" href=\"").Append(E(With(PublicationsPath, t.Lang))).Append("\">").Append(E(t.ServiceName)).Append("</a>");
        html.Append("<a class=\"language\" href=\"").Append(E(With(languagePath, t.Lang.Other))).Append("\" lang=\"").Append(E(t.Lang.Other.Code)).Append("\" hreflang=\"")
            .Append(E(t.Lang.Other.Code)).Append("\">").Append(E(t.OtherLanguage)).Append("</a>");
        if (chrome is not null)
        {
            html.Append("<nav aria-label=\"").Append(E(t.Navigation)).Append("\"><ul class=\"nav\">");
            foreach (var (path, label) in new[] { (NewReleasePath, t.NewRelease), (PublicationsPath, t.Publications), (FeedsPath, t.Feeds) })
            {
                html.Append("<li><a href=\"").Append(E(With(path, t.Lang))).Append('"').Append(path == languagePath ? " aria-current=\"page\"" : "").Append('>').Append(E(label)).Append("</a></li>");
            }

            html.Append("<li><form method=\"post\" action=\"").Append(E(With(SignOutPath, t.Lang))).Append("\">");
            AntiForgery(html, chrome);
            html.Append("<button type=\"submit\" class=\"link-button\">").Append(E(t.SignOut)).Append("</button></form></li></ul></nav>");
        }

        html.Append("</div></header><main class=\"width\" id=\"main\"><div class=\"column\"><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</div></main></body></html>");
        return html.ToString();
    }
}
