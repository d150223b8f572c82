namespace HumanSecurityAlerts.Subscriptions;

public enum SubscriberTokenPurpose
{
    Confirm,
    Manage,
}
