namespace HumanSecurityAlerts.Classification;

/// <summary>A word, or a sentence boundary that phrases do not cross.</summary>
internal readonly record struct Token(bool IsBoundary, int Start, int Length);
