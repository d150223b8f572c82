namespace HumanSecurityAlerts.Classification;

/// <param name="Id">Index in <see cref="PillarVocabulary.Terms"/>, across languages.</param>
/// <param name="Pillar">Index in the pillar catalogue, <see cref="HumanSecurityAnchor"/>, <see cref="Neutral"/> or <see cref="ConflictContext"/>.</param>
/// <param name="Phrase">The phrase as written in the vocabulary file, shown as evidence.</param>
/// <param name="Weak">
/// Words as common in peacetime as in war ("cultural heritage", "sexual violence", "children"): the
/// term counts only in a text that is about armed conflict, i.e. that also holds a
/// <see cref="ConflictContext"/> term or a strong pillar term (<see cref="SetsConflictContext"/>).
/// </param>
/// <param name="AlsoPillar">A second pillar the term counts for, with the same weight, or -1 (see concepts.txt).</param>
internal sealed record VocabularyTerm(int Id, int Pillar, string Phrase, double Weight, bool Weak = false, int AlsoPillar = -1)
{
    /// <summary>"Human security": not a pillar, it marks texts that may enumerate the pillars.</summary>
    public const int HumanSecurityAnchor = -1;

    /// <summary>A phrase with a pillar's words that means something else ("civil society"): it takes the words and scores nothing.</summary>
    public const int Neutral = -2;

    /// <summary>A sign that the text is about armed conflict ("armed groups", "guerre"): it scores nothing and lets weak terms count.</summary>
    public const int ConflictContext = -3;

    /// <summary>
    /// Whether the term shows that the text is about armed conflict: a conflict term, or a pillar term that is neither
    /// weak nor mere supporting context (below 0.75: "organised crime", "gender equality" appear in peacetime too).
    /// </summary>
    public bool SetsConflictContext => Pillar == ConflictContext || (Pillar >= 0 && !Weak && Weight >= 0.75);
}
