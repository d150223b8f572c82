using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Drains;

/// <summary>
/// Starts a fan-out pass and, alongside it, a delivery pass in the background right after an admin release (or resend), so
/// subscribers hear of it within seconds rather than at the next timer tick. One background run at a time; a kick
/// during a run makes it go round once more. Failures are logged: the timers are the safety net.
/// </summary>
internal sealed partial class DrainKick : IReleaseNotifier, IDrainKick, IAsyncDisposable
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
