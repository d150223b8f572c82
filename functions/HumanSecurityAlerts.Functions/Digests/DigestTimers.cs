using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Digests;

/// <summary>
/// Daily and weekly digests at the hours (and day) set by the flat app settings <c>DailyDigestSchedule</c> (e.g.
/// <c>0 0 7 * * *</c>) and <c>WeeklyDigestSchedule</c> (e.g. <c>0 0 7 * * 1</c>), UTC.
/// </summary>
internal sealed class DigestTimers(DigestService digests)
{
    [Function("SendDailyDigests")]
    public Task SendDaily([TimerTrigger("%DailyDigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.RunAsync(SubscriptionFrequency.Daily, cancellationToken);

    [Function("SendWeeklyDigests")]
    public Task SendWeekly([TimerTrigger("%WeeklyDigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        digests.RunAsync(SubscriptionFrequency.Weekly, cancellationToken);
}
