using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// Runs a delivery drain when a retry this process scheduled falls due, so a retry announced for 5 s is attempted after
/// 5 s rather than at the next tick of the delivery timer. One timer, armed for the earliest retry; runs coalesce (a
/// wake-up during a run makes it go round once more). In memory only: a process that restarts falls back on the timer.
/// </summary>
internal sealed partial class RetryWakeup(Func<CancellationToken, Task> drain, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    // Past the due time, so the broker has made the scheduled message visible when the drain asks for it.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(100);

    private readonly Lock gate = new();
    private readonly PriorityQueue<DateTimeOffset, DateTimeOffset> pending = new();
    private readonly CancellationTokenSource stopping = new();
    private ITimer? timer;
    private DateTimeOffset armedFor = DateTimeOffset.MaxValue;
    private bool running;
    private bool again;
    private Task current = Task.CompletedTask;

    public void At(DateTimeOffset due)
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            pending.Enqueue(due, due);
            ArmLocked();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task running;
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            timer?.Dispose();
            running = current;
        }

        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        stopping.Dispose();
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
            again = true;
            if (running || stopping.IsCancellationRequested)
            {
                return;
            }

            running = true;
            current = Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            lock (gate)
            {
                if (!again || stopping.IsCancellationRequested)
                {
                    running = false;
                    return;
                }

                again = false;
            }

            try
            {
                await drain(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!stopping.IsCancellationRequested)
                {
                    LogWakeupFailed(logger, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain woken for a due retry failed; the delivery timer will pick the retry up")]
    private static partial void LogWakeupFailed(ILogger logger, Exception exception);
}
