namespace HumanSecurityAlerts.Classification;

/// <param name="LanguageSlot">The language-detection slot the word counts for, or -1.</param>
/// <param name="Codes">The word's code in each language of <see cref="PillarVocabulary.Languages"/>.</param>
/// <param name="Stems">The word's stem in each language, or null where it is a stop word: the words of <see cref="LearnedFeatures"/>.</param>
/// <param name="Features">The index of that stem among the learned model's features in each language, or -1 (<see cref="LearnedPillarModel.UnigramIndex"/>).</param>
internal readonly record struct WordInfo(int LanguageSlot, int[] Codes, string?[] Stems, int[] Features)
{
    /// <summary>A "word" too long to be coded (URL, base64): no code, no feature.</summary>
    public static WordInfo Uncoded { get; } = new(-1, [LanguageVocabulary.Unknown, LanguageVocabulary.Unknown], [null, null], [-1, -1]);
}
