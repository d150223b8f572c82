using HumanSecurityAlerts.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Delivery;

/// <summary>
/// The safety-net drains (an admin release also starts them at once). Schedules are the flat app settings
/// <c>FanOutSchedule</c> and <c>DeliverySchedule</c> (NCRONTAB, e.g. <c>*/30 * * * * *</c>).
/// </summary>
internal sealed class DrainTimers(IDeliveryDrains drains)
{
    [Function("DrainFanOut")]
    public Task DrainFanOut([TimerTrigger("%FanOutSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        drains.DrainFanOutAsync(cancellationToken);

    [Function("DrainDeliveries")]
    public Task DrainDeliveries([TimerTrigger("%DeliverySchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        drains.DrainDeliveriesAsync(cancellationToken);
}
