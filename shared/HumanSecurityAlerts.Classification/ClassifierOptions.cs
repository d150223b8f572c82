using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Settings of the pillar classifier (configuration section "Classifier"). The defaults favour
/// precision: a false positive mails real people about something they did not ask for.
/// </summary>
public sealed class ClassifierOptions
{
    public const string SectionName = "Classifier";

    /// <summary>Score a pillar needs to be tagged: a name mentioned once or twice in the body is not enough; a title match, or a name with other strong terms, is.</summary>
    [Range(0.1, 1000)]
    public double Threshold { get; set; } = 2.25;

    /// <summary>Multiplier for matches in the title.</summary>
    [Range(1, 100)]
    public double TitleWeight { get; set; } = 3;

    /// <summary>Multiplier for matches in the summary.</summary>
    [Range(1, 100)]
    public double SummaryWeight { get; set; } = 1.5;

    /// <summary>Each repeat of a term in the same field counts this much of the previous one, so repetition alone saturates.</summary>
    [Range(0, 1)]
    public double RepeatDecay { get; set; } = 0.7;

    /// <summary>
    /// Body length (in words) up to which body matches count in full; longer bodies divide them by
    /// sqrt(words / this), so a term met once in a long text about something else stays low.
    /// </summary>
    [Range(50, 1_000_000)]
    public int ReferenceLengthWords { get; set; } = 400;

    /// <summary>A pillar also needs this fraction of the best pillar's score: passing mentions next to the main topic stay out.</summary>
    [Range(0, 1)]
    public double RelativeFloor { get; set; } = 0.25;

    /// <summary>Bodies of at least this many words must themselves mention a pillar for a title match to tag it.</summary>
    [Range(0, 1_000_000)]
    public int CorroborationMinBodyWords { get; set; } = 40;

    /// <summary>
    /// A text about human security that enumerates at least this many pillars (their names, each
    /// within <see cref="OverviewMaxGapWords"/> words of the previous) is an overview and carries
    /// each pillar it enumerates.
    /// </summary>
    [Range(2, 6)]
    public int OverviewMinPillars { get; set; } = 3;

    [Range(0, 100)]
    public int OverviewMaxGapWords { get; set; } = 12;

    /// <summary>Only terms at least this heavy (names, instruments) count for the overview rule.</summary>
    [Range(0, 10)]
    public double OverviewTermMinWeight { get; set; } = 1.5;

    /// <summary>
    /// The best pillar of a text that is plainly about armed conflict (at least
    /// <see cref="ConflictMinMentions"/> mentions of war, armed groups, missiles, front line...) needs
    /// only this fraction of <see cref="Threshold"/>: there, one term that settles a pillar (1.5) says
    /// what the text is about, where in a text about something else it may be a passing mention. A
    /// second pillar still needs the full threshold. 1 turns it off.
    /// </summary>
    [Range(0.1, 1)]
    public double ConflictThresholdFactor { get; set; } = 0.66;

    /// <summary>Mentions of armed conflict (conflict-context terms, repeats included) that make a text plainly about it.</summary>
    [Range(1, 1000)]
    public int ConflictMinMentions { get; set; } = 3;

    /// <summary>
    /// The learned gate: after the vocabulary's decision, a pillar it found evidence for (score above 0)
    /// but did not tag is added when the learned model (<c>Vocabulary/learned-model.json</c>, trained
    /// on the development set) gives it at least the model's threshold. Never adds a pillar the
    /// vocabulary saw nothing of. False: the vocabulary alone.
    /// </summary>
    public bool LearnedGate { get; set; } = true;

    /// <summary>Characters read from title, summary and body together (in that order); the rest is ignored.</summary>
    [Range(1_000, 100_000_000)]
    public int MaxInputCharacters { get; set; } = 200_000;
}
