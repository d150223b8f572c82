namespace HumanSecurityAlerts.Classification;

/// <param name="Id">Index in <see cref="PillarVocabulary.Terms"/>, across languages.</param>
/// <param name="Pillar">Index in the pillar catalogue, <see cref="HumanSecurityAnchor"/> or <see cref="Neutral"/>.</param>
/// <param name="Phrase">The phrase as written in the vocabulary file, shown as evidence.</param>
internal sealed record VocabularyTerm(int Id, int Pillar, string Phrase, double Weight)
{
    /// <summary>"Human security": not a pillar, it marks texts that may enumerate the pillars.</summary>
    public const int HumanSecurityAnchor = -1;

    /// <summary>A phrase with a pillar's words that means something else ("civil society"): it takes the words and scores nothing.</summary>
    public const int Neutral = -2;
}
