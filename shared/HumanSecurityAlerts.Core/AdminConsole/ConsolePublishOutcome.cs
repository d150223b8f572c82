namespace HumanSecurityAlerts.AdminConsole;

/// <param name="PublicationId">Set when published or already stored (<paramref name="Created"/> says which).</param>
public sealed record ConsolePublishOutcome(ReleasePage? Page, string? PublicationId, bool Created);
