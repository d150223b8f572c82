namespace HumanSecurityAlerts.AdminConsole;

/// <summary>What every signed-in page needs: its language and the anti-forgery token for its forms.</summary>
public sealed record ConsoleChrome(string Language, string AntiForgeryToken);
