namespace HumanSecurityAlerts.Classification;

/// <param name="DeclaredLanguage">"en", "fr" or null; a hint only, the text itself decides.</param>
public sealed record ClassificationInput(string? Title, string? Summary, string? Body, string? DeclaredLanguage = null);
