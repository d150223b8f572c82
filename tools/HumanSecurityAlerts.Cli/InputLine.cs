namespace HumanSecurityAlerts.Cli;

/// <summary>
/// One JSON Lines input; <see cref="Labels"/> only in labelled (eval) files, <see cref="NamesPillar"/>
/// (whether the text names one of its pillars) and <see cref="Batch"/> (the collection the text came in) only in
/// the project's own labelled sets.
/// </summary>
internal sealed record InputLine(string? Id, string? Title, string? Summary, string? Text, string? Lang, IReadOnlyList<string>? Labels, bool? NamesPillar = null, string? Batch = null);
