namespace HumanSecurityAlerts.Subscriptions;

public sealed record HousekeepingReport(int Subscribers, int Tokens, int RateLimitWindows);
