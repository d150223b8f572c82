namespace HumanSecurityAlerts.Classification;

/// <param name="LanguageSlot">The language-detection slot the word counts for, or -1.</param>
/// <param name="Codes">The word's code in each language of <see cref="PillarVocabulary.Languages"/>.</param>
internal readonly record struct WordInfo(int LanguageSlot, int[] Codes);
