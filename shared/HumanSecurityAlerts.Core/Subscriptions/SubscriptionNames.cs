namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The wire names (lower case) used in the API, storage keys and forms.</summary>
public static class SubscriptionNames
{
    public static string Name(this SubscriptionChannel channel) => channel == SubscriptionChannel.Email ? "email" : "webhook";

    public static string Name(this SubscriptionFrequency frequency) => frequency switch
    {
        SubscriptionFrequency.Daily => "daily",
        SubscriptionFrequency.Weekly => "weekly",
        _ => "immediate",
    };

    public static string Name(this SubscriberStatus status) => status switch
    {
        SubscriberStatus.Active => "active",
        SubscriberStatus.Unsubscribed => "unsubscribed",
        _ => "pending",
    };

    public static bool TryParseChannel(string? value, out SubscriptionChannel channel)
    {
        channel = value switch
        {
            "email" => SubscriptionChannel.Email,
            "webhook" => SubscriptionChannel.Webhook,
            _ => (SubscriptionChannel)(-1),
        };
        return Enum.IsDefined(channel);
    }

    public static bool TryParseFrequency(string? value, out SubscriptionFrequency frequency)
    {
        frequency = value switch
        {
            "immediate" => SubscriptionFrequency.Immediate,
            "daily" => SubscriptionFrequency.Daily,
            "weekly" => SubscriptionFrequency.Weekly,
            _ => (SubscriptionFrequency)(-1),
        };
        return Enum.IsDefined(frequency);
    }

    public static bool TryParseStatus(string? value, out SubscriberStatus status)
    {
        status = value switch
        {
            "pending" => SubscriberStatus.Pending,
            "active" => SubscriberStatus.Active,
            "unsubscribed" => SubscriberStatus.Unsubscribed,
            _ => (SubscriberStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}
