namespace HumanSecurityAlerts.Classification;

/// <summary>Per-thread working memory of <see cref="PillarClassifier"/>, so a call allocates little beyond its result.</summary>
internal sealed class ClassificationScratch
{
    public ClassificationScratch(int languages, int languageSlots, int terms)
    {
        Tokens = [.. Enumerable.Range(0, languages).Select(_ => new CodedTokens())];
        LanguageCounts = new int[languageSlots];
        TermRepeats = new int[terms * 2];
    }

    public CodedTokens[] Tokens { get; }

    public List<TermMatch> Matches { get; } = [];

    public int[] LanguageCounts { get; }

    /// <summary>Occurrences so far of each term, in the headings (title, summary) and in the body.</summary>
    public int[] TermRepeats { get; }

    public int BodyWords { get; set; }

    public void Reset()
    {
        Matches.Clear();
        Array.Clear(LanguageCounts);
        Array.Clear(TermRepeats);
        BodyWords = 0;
    }
}
