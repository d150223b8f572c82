using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Drains;

/// <summary>
/// The two drains the timers (and an admin release) run: the publications topic's fan-out subscription, and the
/// deliveries queue. Each run opens a peek-lock receiver, handles what is there with bounded concurrency, and ends
/// when the entity is empty. A retry a delivery drain schedules wakes another drain when it falls due.
/// </summary>
internal sealed class DeliveryDrains : IDeliveryDrains, IAsyncDisposable
{
    private readonly ServiceBusClient client;
    private readonly IOptions<ServiceBusOptions> bus;
    private readonly IOptions<FanOutOptions> fanOutOptions;
    private readonly IOptions<DeliveryOptions> deliveryOptions;
    private readonly MessageDrain drain;
    private readonly FanOutMessageHandler fanOut;
    private readonly DeliveryMessageHandler deliveries;
    private readonly ServiceBusDeliveryDispatcher dispatcher;
    private readonly RetryWakeup wakeup;
    private readonly ReleaseSummary summary;

    public DeliveryDrains(
        ServiceBusClient client,
        IOptions<ServiceBusOptions> bus,
        IOptions<FanOutOptions> fanOutOptions,
        IOptions<DeliveryOptions> deliveryOptions,
        MessageDrain drain,
        FanOutMessageHandler fanOut,
        DeliveryMessageHandler deliveries,
        ServiceBusDeliveryDispatcher dispatcher,
        ReleaseSummary summary,
        TimeProvider time,
        ILogger<DeliveryDrains> logger)
    {
        this.client = client;
        this.bus = bus;
        this.fanOutOptions = fanOutOptions;
        this.deliveryOptions = deliveryOptions;
        this.drain = drain;
        this.fanOut = fanOut;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.summary = summary;
        wakeup = new RetryWakeup(DrainDeliveriesAsync, time, logger);
    }

    public async Task<DrainResult> DrainFanOutAsync(CancellationToken cancellationToken)
    {
        var o = fanOutOptions.Value;
        var b = bus.Value;
        var receiver = client.CreateReceiver(b.PublicationsTopic, b.FanOutSubscription, new ServiceBusReceiverOptions { PrefetchCount = 0 });
        await using (receiver.ConfigureAwait(false))
        {
            var settings = new DrainSettings(2, 2, o.ReceiveWait, o.MaxDrainDuration, deliveryOptions.Value.LockRenewInterval);
            return await drain.RunAsync(b.PublicationsTopic + "/" + b.FanOutSubscription, receiver, null, fanOut, settings, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DrainResult> DrainDeliveriesAsync(CancellationToken cancellationToken)
    {
        var o = deliveryOptions.Value;
        var b = bus.Value;
        var receiver = client.CreateReceiver(b.DeliveriesQueue, new ServiceBusReceiverOptions { PrefetchCount = 0 });
        await using (receiver.ConfigureAwait(false))
        {
            var settings = new DrainSettings(o.MaxConcurrency, o.ReceiveBatchSize, o.ReceiveWait, o.MaxDrainDuration, o.LockRenewInterval);
            var result = await drain.RunAsync(b.DeliveriesQueue, receiver, dispatcher.Sender, deliveries, settings, cancellationToken, wakeup.At).ConfigureAwait(false);
            await summary.ReportFinishedAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    Task IDeliveryDrains.DrainFanOutAsync(CancellationToken cancellationToken) => DrainFanOutAsync(cancellationToken);

    Task IDeliveryDrains.DrainDeliveriesAsync(CancellationToken cancellationToken) => DrainDeliveriesAsync(cancellationToken);

    public ValueTask DisposeAsync() => wakeup.DisposeAsync();
}
