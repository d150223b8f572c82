using HumanSecurityAlerts.Subscriptions;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class Housekeeping(SubscriptionHousekeeping housekeeping)
{
    /// <summary>Daily at 03:30 UTC: never-confirmed and long-inactive subscribers, expired tokens, ended rate-limit windows.</summary>
    [Function(nameof(Housekeeping))]
    public Task Run([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        housekeeping.RunAsync(cancellationToken);
}
