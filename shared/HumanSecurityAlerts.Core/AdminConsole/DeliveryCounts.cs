namespace HumanSecurityAlerts.AdminConsole;

public sealed record DeliveryCounts(int Delivered, int Pending, int Failed);
