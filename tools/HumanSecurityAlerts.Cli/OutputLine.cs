using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Cli;

internal sealed record OutputLine(
    string? Id,
    string Language,
    IReadOnlyList<string> Pillars,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyList<ClassificationEvidence> Evidence,
    IReadOnlyList<string> LearnedPillars);
