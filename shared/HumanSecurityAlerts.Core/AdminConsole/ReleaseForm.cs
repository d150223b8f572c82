namespace HumanSecurityAlerts.AdminConsole;

/// <summary>What the new-release form holds, as typed (re-shown after a preview or an error).</summary>
public sealed record ReleaseForm(string Title, string Url, string Language, string PublishedAt, string Summary, string Text);
