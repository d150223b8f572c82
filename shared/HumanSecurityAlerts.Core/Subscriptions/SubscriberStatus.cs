namespace HumanSecurityAlerts.Subscriptions;

public enum SubscriberStatus
{
    /// <summary>Waiting for the email confirmation link or the webhook verification handshake.</summary>
    Pending,
    Active,
    Unsubscribed,
}
