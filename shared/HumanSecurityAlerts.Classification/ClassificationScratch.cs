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

    /// <summary>Every word of the text as the vocabulary described it, for the learned gate.</summary>
    public List<WordInfo> Words { get; } = new(1024);

    /// <summary>Where the title's and the summary's words end in <see cref="Words"/>.</summary>
    public int TitleEnd { get; set; }

    public int SummaryEnd { get; set; }

    public LearnedScratch Learned { get; } = new();

    public void Reset()
    {
        Matches.Clear();
        Array.Clear(LanguageCounts);
        Array.Clear(TermRepeats);
        BodyWords = 0;
        Words.Clear();
        TitleEnd = 0;
        SummaryEnd = 0;
    }
}
