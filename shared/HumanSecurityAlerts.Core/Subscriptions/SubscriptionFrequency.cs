namespace HumanSecurityAlerts.Subscriptions;

public enum SubscriptionFrequency
{
    Immediate,
    Daily,
    Weekly,
}
