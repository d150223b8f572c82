namespace HumanSecurityAlerts.Admin;

/// <summary>A signed-in console user: <see cref="Subject"/> binds the anti-forgery token to this session or identity.</summary>
public sealed record ConsoleSession(string Subject, DateTimeOffset? ExpiresAt);
