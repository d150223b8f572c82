namespace HumanSecurityAlerts.AdminConsole;

public sealed record ConsoleFailure(string SubscriberId, string Channel, string Status, int Attempts, string? Reason);
