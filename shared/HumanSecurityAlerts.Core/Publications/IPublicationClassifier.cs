namespace HumanSecurityAlerts.Publications;

/// <summary>Finds the pillars a text is about, with each pillar's score and evidence. The classifier is behind it.</summary>
public interface IPublicationClassifier
{
    /// <param name="declaredLanguage">A language the text is said to be in; the text decides when it says otherwise.</param>
    PublicationClassification Classify(string? title, string? summary, string? text, string? declaredLanguage);
}
