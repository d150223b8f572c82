namespace HumanSecurityAlerts.Classification;

/// <summary>A vocabulary term found in a field: its character span, and the ordinals of its first and last words (the overview rule measures gaps in words).</summary>
internal readonly record struct TermMatch(VocabularyTerm Term, int Field, int Start, int Length, int FirstWord, int LastWord)
{
    public int End => Start + Length;
}
