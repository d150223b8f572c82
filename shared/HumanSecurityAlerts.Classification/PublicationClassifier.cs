using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.Classification;

/// <summary>The pillar classifier as the use cases see it: pillars in catalogue order, evidence as stored with a publication.</summary>
internal sealed class PublicationClassifier(IPillarClassifier classifier) : IPublicationClassifier
{
    public PublicationClassification Classify(string? title, string? summary, string? text, string? declaredLanguage)
    {
        var result = classifier.Classify(new ClassificationInput(title, summary, text, declaredLanguage));
        return new PublicationClassification(
            result.Language,
            ReleaseValidator.InCatalogueOrder(result.Pillars),
            result.Scores,
            [.. result.Evidence.Select(e => new PublicationEvidence(e.Pillar, e.Term, e.Field, e.Position, e.Length, e.Weight))],
            result.Threshold)
        {
            LearnedPillars = ReleaseValidator.InCatalogueOrder(result.LearnedPillars),
        };
    }
}
