using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary>JSON shapes of the publications API (camelCase).</summary>
internal static class PublicationViews
{
    public static object Summary(PublicationSummary p, SiteOptions site) => new
    {
        id = p.Id,
        title = p.Title,
        url = p.Url,
        summary = p.Summary,
        language = p.Language,
        pillars = p.Pillars,
        publishedAt = p.PublishedAt,
        source = p.Source,
        links = new { self = site.Api("publications/" + p.Id) },
    };

    public static object Public(Publication p, SiteOptions site) => new
    {
        id = p.Id,
        title = p.Title,
        url = p.Url,
        summary = p.Summary,
        text = p.Text,
        textTruncated = p.TextTruncated,
        language = p.Language,
        source = p.Source,
        publishedAt = p.PublishedAt,
        ingestedAt = p.IngestedAt,
        pillars = p.Pillars,
        pillarsSetByAdmin = p.PillarsSetByAdmin,
        classification = Classification(p.Classification),
        links = new { self = site.Api("publications/" + p.Id) },
    };

    /// <summary>What an admin sees after a release: the publication, why it was tagged, and whether it went out.</summary>
    public static object Admin(Publication p, SiteOptions site) => new
    {
        id = p.Id,
        title = p.Title,
        url = p.Url,
        summary = p.Summary,
        text = p.Text,
        textTruncated = p.TextTruncated,
        language = p.Language,
        source = p.Source,
        publishedAt = p.PublishedAt,
        ingestedAt = p.IngestedAt,
        pillars = p.Pillars,
        pillarsSetByAdmin = p.PillarsSetByAdmin,
        classification = Classification(p.Classification),
        publishedToTopic = p.PublishedToTopic,
        publishedToTopicAt = p.PublishedToTopicAt,
        links = new { self = site.Api("publications/" + p.Id) },
    };

    /// <summary>The same shape in the public answer, the release answer and the preview: scores, the threshold they were held to, and the matches behind them.</summary>
    public static object Classification(PublicationClassification c) => new
    {
        language = c.Language,
        pillars = c.Pillars,
        learnedPillars = c.LearnedPillars,
        threshold = c.Threshold,
        scores = c.Scores,
        evidence = c.Evidence.Select(e => new { pillar = e.Pillar, term = e.Term, field = e.Field, position = e.Position, length = e.Length, weight = e.Weight }),
    };
}
