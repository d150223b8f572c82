namespace HumanSecurityAlerts.Classification;

/// <param name="Language">"en", "fr" or "other", detected from the text.</param>
/// <param name="Pillars">Pillar ids over their threshold, in catalogue order.</param>
/// <param name="Scores">A score for every pillar id.</param>
/// <param name="Evidence">The matches behind the scores, so an admin can see why a text was tagged.</param>
/// <param name="Threshold">
/// The score the best pillar needed: <see cref="ClassifierOptions.Threshold"/>, or less in a text plainly about armed
/// conflict (<see cref="ClassifierOptions.ConflictThresholdFactor"/>); other pillars need the full threshold.
/// </param>
public sealed record ClassificationResult(
    string Language,
    IReadOnlyList<string> Pillars,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationEvidence> Evidence,
    double Threshold)
{
    /// <summary>
    /// The pillars of <see cref="Pillars"/> that the learned gate added (<see cref="ClassifierOptions.LearnedGate"/>):
    /// the vocabulary found evidence for them (in <see cref="Evidence"/>) but not enough to tag them.
    /// </summary>
    public IReadOnlyList<string> LearnedPillars { get; init; } = [];

    /// <summary>
    /// The pillars the learned gate may add, as bits in catalogue order, whether or not it is on: those with some
    /// evidence but not tagged, in a text that is not an overview and that speaks of armed conflict.
    /// </summary>
    internal int LearnedCandidates { get; init; }
}
