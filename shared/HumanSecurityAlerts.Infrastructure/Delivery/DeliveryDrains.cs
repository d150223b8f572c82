using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// The two drains the timers (and an admin release) run: the publications topic's fan-out subscription, and the
/// deliveries queue. Each run opens a peek-lock receiver, handles what is there with bounded concurrency, and ends
/// when the entity is empty. A retry a delivery drain schedules wakes another drain when it falls due.
/// </summary>
internal sealed class DeliveryDrains : IAsyncDisposable
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

    public ValueTask DisposeAsync() => wakeup.DisposeAsync();
}

/// <summary>
/// Starts a fan-out pass and, alongside it, a delivery pass in the background right after an admin release (or resend), so
/// subscribers hear of it within seconds rather than at the next timer tick. One background run at a time; a kick
/// during a run makes it go round once more. Failures are logged: the timers are the safety net.
/// </summary>
internal sealed partial class DrainKick : IReleaseNotifier, IAsyncDisposable
{
    private readonly DeliveryDrains drains;
    private readonly IOptions<FanOutOptions> options;
    private readonly CoalescingRunner runner;

    public DrainKick(DeliveryDrains drains, IOptions<FanOutOptions> options, ILogger<DrainKick> logger)
    {
        this.drains = drains;
        this.options = options;
        runner = new CoalescingRunner(RunAsync, e => LogKickFailed(logger, e));
    }

    /// <summary>The background run in progress (completed when idle); for tests and shutdown.</summary>
    public Task Current => runner.Current;

    public Task PublicationReleasedAsync(Publication publication, CancellationToken cancellationToken)
    {
        Kick();
        return Task.CompletedTask;
    }

    public void Kick()
    {
        if (options.Value.KickOnRelease)
        {
            runner.Request();
        }
    }

    public ValueTask DisposeAsync() => runner.DisposeAsync();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Deliveries are drained while the fan-out sends them. A delivery drain ends after a receive finds the
        // queue empty, so if it ended first, the fan-out may have sent more since: drain once more.
        var fanOut = drains.DrainFanOutAsync(cancellationToken);
        var deliveries = drains.DrainDeliveriesAsync(cancellationToken);
        var first = await Task.WhenAny(deliveries, fanOut).ConfigureAwait(false);
        await Task.WhenAll(fanOut, deliveries).ConfigureAwait(false);
        if (first == deliveries && (await fanOut.ConfigureAwait(false)).Received > 0)
        {
            await drains.DrainDeliveriesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain started after a release failed; the timers will pick it up")]
    private static partial void LogKickFailed(ILogger logger, Exception exception);
}
