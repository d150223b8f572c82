namespace HumanSecurityAlerts.Cli;

/// <summary>One JSON Lines input; <see cref="Labels"/> only in labelled (eval) files.</summary>
internal sealed record InputLine(string? Id, string? Title, string? Summary, string? Text, string? Lang, IReadOnlyList<string>? Labels);
