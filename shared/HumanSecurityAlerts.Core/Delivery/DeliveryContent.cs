using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Text;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// Renders notifications: the email (plain text + HTML, in the subscriber's language, with manage link and RFC 8058
/// one-click unsubscribe headers), the webhook event (JSON, <c>type</c> = <c>publication.released</c>) and digests.
/// </summary>
public sealed class DeliveryContent(SubscriptionLinks links, IOptions<SiteOptions> site)
{
    public const string ReleasedEventType = "publication.released";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    // A drain renders thousands of events for one publication: its part is encoded once (kept while the publication
    // object lives), and each thread reuses one buffer and writer, so an event costs one array of its exact size.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? EventBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? EventWriter;

    private readonly ConditionalWeakTable<Publication, SharedEventJson> publicationJson = new();

    public EmailMessage Email(Publication publication, DeliveryTarget target, IReadOnlyList<string> matchedPillars)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(target);
        var t = DeliveryTexts.For(target.Language);
        var pillars = Names(matchedPillars, t.Lang);
        var title = SafeText.Clean(publication.Title);
        var summary = SafeText.Clean(publication.Summary);
        var subject = t.SubjectPrefix + SafeText.ForHeader(title);

        var text = new StringBuilder();
        text.AppendLine(t.Intro).AppendLine();
        text.AppendLine(title).AppendLine();
        if (summary.Length > 0)
        {
            text.AppendLine(summary).AppendLine();
        }

        text.Append(t.Read).Append(t.Colon).AppendLine(publication.Url.AbsoluteUri);
        text.Append(t.Published).Append(t.Colon).AppendLine(t.Date(publication.PublishedAt));
        text.Append(t.Pillars).Append(t.Colon).AppendLine(string.Join(", ", pillars));
        AppendTextFooter(text, t, target.ManageToken);

        var html = Start(t, subject);
        html.Append("<p>").Append(E(t.Intro)).Append("</p>");
        html.Append("<h1 style=\"font-size:1.3em\"><a href=\"").Append(E(publication.Url.AbsoluteUri)).Append("\">").Append(E(title)).Append("</a></h1>");
        if (summary.Length > 0)
        {
            html.Append("<p>").Append(E(summary)).Append("</p>");
        }

        html.Append("<p><a href=\"").Append(E(publication.Url.AbsoluteUri)).Append("\">").Append(E(t.Read)).Append("</a></p>");
        html.Append("<p>").Append(E(t.Published)).Append(t.Colon).Append(E(t.Date(publication.PublishedAt))).Append("<br>")
            .Append(E(t.Pillars)).Append(t.Colon).Append(E(string.Join(", ", pillars))).Append("</p>");
        AppendHtmlFooter(html, t, target.ManageToken);
        return new EmailMessage(target.Address, subject, text.ToString(), html.ToString(), links.UnsubscribeHeaders(target.ManageToken)) { Language = t.Lang.Code };
    }

    /// <summary>The webhook event body (UTF-8 JSON).</summary>
    public byte[] WebhookEvent(Publication publication, DeliveryTarget target, IReadOnlyList<string> matchedPillars, string deliveryId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(target);
        var buffer = EventBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = EventWriter;
        if (json is null)
        {
            json = EventWriter = new Utf8JsonWriter(buffer);
        }
        else
        {
            json.Reset(buffer);
        }

        json.WriteStartObject();
        json.WriteString("type", ReleasedEventType);
        json.WriteString("timestamp", at.UtcDateTime);
        json.WriteStartObject("data");
        json.WriteString("deliveryId", deliveryId);
        json.WriteString("language", target.Language.Code);
        json.WriteStartArray("matchedPillars");
        foreach (var id in matchedPillars)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("name", PillarCatalog.NameOf(id, target.Language));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        var shared = publicationJson.GetValue(publication, PublicationJson);
        json.WritePropertyName("publication");
        json.WriteRawValue(shared.Publication, skipInputValidation: true);
        json.WriteStartObject("links");
        json.WriteString("publication", shared.Link);
        json.WriteString("manage", links.Manage(target.ManageToken).AbsoluteUri);
        json.WriteString("unsubscribe", links.Unsubscribe(target.ManageToken).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The part of a webhook event that is the same for every subscriber of a publication, encoded once.</summary>
    private SharedEventJson PublicationJson(Publication publication)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", publication.Id);
            json.WriteString("title", SafeText.Clean(publication.Title));
            json.WriteString("summary", SafeText.Clean(publication.Summary));
            json.WriteString("url", publication.Url.AbsoluteUri);
            json.WriteString("language", publication.Language);
            json.WriteString("publishedAt", publication.PublishedAt.UtcDateTime);
            json.WriteStartArray("pillars");
            foreach (var id in publication.Pillars)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new SharedEventJson(buffer.WrittenSpan.ToArray(), site.Value.Api("publications/" + publication.Id).AbsoluteUri);
    }

    private sealed record SharedEventJson(byte[] Publication, string Link);

    /// <param name="items">Newest first, each with the subscriber's matched pillars.</param>
    public EmailMessage Digest(DeliveryTarget target, SubscriptionFrequency frequency, IReadOnlyList<DigestLine> items)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        var t = DeliveryTexts.For(target.Language);
        var subject = string.Format(CultureInfo.InvariantCulture, frequency == SubscriptionFrequency.Weekly ? t.WeeklySubject : t.DailySubject, items.Count);
        var text = new StringBuilder().AppendLine(t.DigestIntro).AppendLine();
        var html = Start(t, subject).Append("<p>").Append(E(t.DigestIntro)).Append("</p><ul>");
        foreach (var item in items)
        {
            var (rawSummary, pillars) = (item.Summary, item.Pillars);
            var names = string.Join(", ", Names(pillars, t.Lang));
            var title = SafeText.Clean(item.Title);
            var summary = SafeText.Clean(rawSummary);
            text.Append("* ").AppendLine(title);
            if (summary.Length > 0)
            {
                text.Append("  ").AppendLine(summary);
            }

            text.Append("  ").Append(t.Read).Append(t.Colon).AppendLine(item.Url.AbsoluteUri);
            text.Append("  ").Append(t.Published).Append(t.Colon).Append(t.Date(item.PublishedAt)).Append(" — ").Append(t.Pillars).Append(t.Colon).AppendLine(names).AppendLine();

            html.Append("<li><p><a href=\"").Append(E(item.Url.AbsoluteUri)).Append("\"><strong>").Append(E(title)).Append("</strong></a><br>");
            if (summary.Length > 0)
            {
                html.Append(E(summary)).Append("<br>");
            }

            html.Append("<small>").Append(E(t.Published)).Append(t.Colon).Append(E(t.Date(item.PublishedAt))).Append(" — ").Append(E(t.Pillars)).Append(t.Colon).Append(E(names)).Append("</small></p></li>");
        }

        html.Append("</ul>");
        AppendTextFooter(text, t, target.ManageToken);
        AppendHtmlFooter(html, t, target.ManageToken);
        return new EmailMessage(target.Address, subject, text.ToString(), html.ToString(), links.UnsubscribeHeaders(target.ManageToken)) { Language = t.Lang.Code };
    }

    private void AppendTextFooter(StringBuilder text, DeliveryTexts t, string manageToken)
    {
        text.AppendLine().AppendLine("--").AppendLine(t.Footer);
        text.Append(t.Manage).Append(t.Colon).AppendLine(links.Manage(manageToken).AbsoluteUri);
        text.Append(t.Unsubscribe).Append(t.Colon).AppendLine(links.Unsubscribe(manageToken).AbsoluteUri);
    }

    private void AppendHtmlFooter(StringBuilder html, DeliveryTexts t, string manageToken)
    {
        html.Append("<hr><p style=\"font-size:.9em;color:#555\">").Append(E(t.Footer)).Append("<br><a href=\"").Append(E(links.Manage(manageToken).AbsoluteUri)).Append("\">")
            .Append(E(t.Manage)).Append("</a> · <a href=\"").Append(E(links.Unsubscribe(manageToken).AbsoluteUri)).Append("\">").Append(E(t.Unsubscribe)).Append("</a></p></body></html>");
    }

    private static StringBuilder Start(DeliveryTexts t, string subject) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"").Append(t.Lang.Code).Append("\"><head><meta charset=\"utf-8\"><title>").Append(E(subject))
            .Append("</title></head><body style=\"font-family:sans-serif;max-width:40rem\">");

    private static List<string> Names(IEnumerable<string> pillars, Language language) =>
        [.. pillars.Select(id => PillarCatalog.NameOf(id, language))];


    private static string E(string value) => Html.Encode(value);
}
