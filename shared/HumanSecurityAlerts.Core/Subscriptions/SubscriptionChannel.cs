namespace HumanSecurityAlerts.Subscriptions;

public enum SubscriptionChannel
{
    Email,
    Webhook,
}
