namespace HumanSecurityAlerts.Publications;

/// <summary>Classifies a release or a feed item and builds the publication to store.</summary>
public sealed class PublicationFactory(IPublicationClassifier classifier, TimeProvider time)
{
    public PublicationClassification Classify(string? title, string? summary, string? text, string? declaredLanguage) =>
        classifier.Classify(title, summary, text, declaredLanguage);

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
