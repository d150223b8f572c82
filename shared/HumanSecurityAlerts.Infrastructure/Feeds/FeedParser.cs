using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;

using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Text;

namespace HumanSecurityAlerts.Feeds;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with <see cref="SyndicationFeed"/> over an <see cref="XmlReader"/> that prohibits DTDs
/// (no entity expansion, no external resources). A date that cannot be parsed does not fail the feed.
/// </summary>
internal sealed class FeedParser : IFeedParser
{
    private const string ContentModuleNamespace = "http://purl.org/rss/1.0/modules/content/";

    ParsedFeed IFeedParser.Parse(byte[] content, int maxItems) => Parse(content, maxItems);

    public static ParsedFeed Parse(byte[] content, int maxItems)
    {
        ArgumentNullException.ThrowIfNull(content);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersFromEntities = 1024,
        };

        SyndicationFeed feed;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            SyndicationFeedFormatter formatter = new Rss20FeedFormatter { DateTimeParser = ParseDate };
            if (!formatter.CanRead(reader))
            {
                formatter = new Atom10FeedFormatter { DateTimeParser = ParseDate };
                if (!formatter.CanRead(reader))
                {
                    throw new FeedFormatException($"Not an RSS 2.0 or Atom 1.0 feed (root element '{reader.LocalName}').");
                }
            }

            formatter.ReadFrom(reader);
            feed = formatter.Feed;
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException or ArgumentException)
        {
            throw new FeedFormatException($"The feed could not be parsed: {e.Message}", e);
        }

        var items = feed.Items
            .Select(item => ToItem(feed, item))
            .OrderByDescending(i => i.PublishedAt ?? DateTimeOffset.MinValue)
            .Take(maxItems)
            .ToList();
        return new ParsedFeed(LanguageOf(feed.Language), items);
    }

    private static FeedItem ToItem(SyndicationFeed feed, SyndicationItem item)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate") ?? item.Links.FirstOrDefault();
        var href = link is null ? null : Absolute(link.GetAbsoluteUri() ?? link.Uri, feed);
        if (href is null && Uri.TryCreate(item.Id, UriKind.Absolute, out var idUri) && (idUri.Scheme == Uri.UriSchemeHttp || idUri.Scheme == Uri.UriSchemeHttps))
        {
            href = idUri.AbsoluteUri;
        }

        var text = item.Content is TextSyndicationContent content ? content.Text : null;
        if (string.IsNullOrEmpty(text))
        {
            text = item.ElementExtensions.ReadElementExtensions<string>("encoded", ContentModuleNamespace).FirstOrDefault();
        }

        DateTimeOffset? published = item.PublishDate != default ? item.PublishDate
            : item.LastUpdatedTime != default ? item.LastUpdatedTime
            : null;

        return new FeedItem(
            href,
            HtmlToText.Convert(item.Title?.Text),
            HtmlToText.Convert(item.Summary?.Text),
            HtmlToText.Convert(text),
            published);
    }

    private static string? Absolute(Uri? uri, SyndicationFeed feed)
    {
        if (uri is null)
        {
            return null;
        }

        if (uri.IsAbsoluteUri)
        {
            return uri.AbsoluteUri;
        }

        var baseUri = feed.BaseUri ?? feed.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
        return baseUri is { IsAbsoluteUri: true } ? new Uri(baseUri, uri).AbsoluteUri : null;
    }

    /// <summary>"en-GB" → "en"; only en and fr are kept as hints.</summary>
    private static string? LanguageOf(string? language)
    {
        var primary = language?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Language.TryParse(primary, out var known) ? known.Code : null;
    }

    /// <summary>RFC 822 / RFC 3339 and common variants; unparseable dates are treated as absent, not as errors.</summary>
    private static bool ParseDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        var text = data.DateTimeString.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        // RFC 822 with a North American zone name (e.g. "EST") or an unknown one (taken as UTC).
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 5 && DateTimeOffset.TryParse(string.Join(' ', parts[..^1]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            var offset = parts[^1].ToUpperInvariant() switch
            {
                "EST" or "CDT" => -5,
                "EDT" => -4,
                "CST" or "MDT" => -6,
                "MST" or "PDT" => -7,
                "PST" => -8,
                _ => 0,
            };
            value = new DateTimeOffset(value.UtcDateTime.AddHours(-offset), TimeSpan.Zero);
            return true;
        }

        value = default;
        return true;
    }
}
