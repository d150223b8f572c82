using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>What every signed-in page needs: its language and the anti-forgery token for its forms.</summary>
public sealed record ConsoleChrome(Language Language, string AntiForgeryToken);
