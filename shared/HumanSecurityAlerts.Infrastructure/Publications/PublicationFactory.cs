using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Publications;

/// <summary>Classifies a release or a feed item and builds the publication to store.</summary>
internal sealed class PublicationFactory(IPillarClassifier classifier, TimeProvider time)
{
    public PublicationClassification Classify(string? title, string? summary, string? text, string? declaredLanguage)
    {
        var result = classifier.Classify(new ClassificationInput(title, summary, text, declaredLanguage));
        return new PublicationClassification(
            result.Language,
            ReleaseValidator.InCatalogueOrder(result.Pillars),
            result.Scores,
            [.. result.Evidence.Select(e => new PublicationEvidence(e.Pillar, e.Term, e.Field, e.Position, e.Length, e.Weight))],
            result.Threshold);
    }

    /// <param name="languageHint">A language the text is probably in (e.g. the feed's); the text decides.</param>
    public Publication Create(ValidRelease release, string source, string? languageHint = null)
    {
        ArgumentNullException.ThrowIfNull(release);
        var classification = Classify(release.Title, release.Summary, release.Text, release.Language ?? languageHint);
        return new Publication
        {
            Id = release.Id,
            Url = release.Url,
            Title = release.Title,
            Summary = release.Summary,
            Text = release.Text,
            TextTruncated = release.TextTruncated,
            Language = release.Language ?? classification.Language,
            Source = source,
            PublishedAt = release.PublishedAt,
            IngestedAt = time.GetUtcNow(),
            Pillars = release.Pillars ?? classification.Pillars,
            PillarsSetByAdmin = release.Pillars is not null,
            Classification = classification,
        };
    }
}
