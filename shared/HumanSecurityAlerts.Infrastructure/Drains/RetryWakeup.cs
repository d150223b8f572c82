using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Drains;

/// <summary>
/// Runs a delivery drain when a retry this process scheduled falls due, so a retry announced for 5 s is attempted after
/// 5 s rather than at the next tick of the delivery timer. One timer, armed for the earliest retry; runs coalesce (a
/// wake-up during a run makes it go round once more). In memory only: a process that restarts falls back on the timer.
/// </summary>
internal sealed partial class RetryWakeup : IAsyncDisposable
{
    // Past the due time, so the broker has made the scheduled message visible when the drain asks for it.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider time;
    private readonly CoalescingRunner runner;
    private readonly Lock gate = new();
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> pending = new();
    private ITimer? timer;
    private DateTimeOffset armedFor = DateTimeOffset.MaxValue;
    private bool stopped;

    public RetryWakeup(Func<CancellationToken, Task> drain, TimeProvider time, ILogger logger)
    {
        this.time = time;
        runner = new CoalescingRunner(drain, e => LogWakeupFailed(logger, e));
    }

    public void At(DateTimeOffset due)
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            pending.Enqueue(due, due);
            ArmLocked();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            stopped = true;
            timer?.Dispose();
        }

        await runner.DisposeAsync().ConfigureAwait(false);
    }

    private void ArmLocked()
    {
        if (!pending.TryPeek(out var earliest, out _) || earliest >= armedFor)
        {
            return;
        }

        armedFor = earliest;
        var delay = earliest + Slack - time.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        if (timer is null)
        {
            timer = time.CreateTimer(_ => Fire(), null, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (pending.TryPeek(out var due, out _) && due <= now + Slack)
            {
                pending.Dequeue();
            }

            armedFor = DateTimeOffset.MaxValue;
            ArmLocked();
        }

        runner.Request();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain woken for a due retry failed; the delivery timer will pick the retry up")]
    private static partial void LogWakeupFailed(ILogger logger, Exception exception);
}
