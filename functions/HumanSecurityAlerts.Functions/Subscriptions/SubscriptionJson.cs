using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal static class SubscriptionJson
{
    public static object From(Subscriber s) => new
    {
        id = s.Id,
        channel = s.Channel.Name(),
        status = s.Status.Name(),
        pillars = s.Pillars,
        language = s.Language.Code,
        frequency = s.Frequency.Name(),
        url = s.Url,
    };
}
