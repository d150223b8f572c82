namespace HumanSecurityAlerts.Publications;

/// <summary>What the classifier said, kept with the publication so anyone can see why it was tagged.</summary>
/// <param name="Threshold">The score a pillar needed when it was classified; null for rows stored before it was kept.</param>
public sealed record PublicationClassification(
    string Language,
    IReadOnlyList<string> Pillars,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<PublicationEvidence> Evidence,
    double? Threshold)
{
    public static PublicationClassification None { get; } = new("other", [], new Dictionary<string, double>(), [], null);

    /// <summary>The pillars of <see cref="Pillars"/> the classifier's learned gate added: the vocabulary found evidence for them but not enough to tag them. Empty for rows stored before it was kept.</summary>
    public IReadOnlyList<string> LearnedPillars { get; init; } = [];
}
