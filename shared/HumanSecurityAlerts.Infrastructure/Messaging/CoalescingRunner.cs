namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// Runs an action in the background, one run at a time: a request during a run makes it go round once more, so
/// requests are never lost and never pile up. A failed run is reported and the next request runs again.
/// </summary>
internal sealed class CoalescingRunner(Func<CancellationToken, Task> run, Action<Exception> failed) : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private bool running;
    private bool again;
    private Task current = Task.CompletedTask;
    private int disposed;

    /// <summary>The background run in progress (completed when idle).</summary>
    public Task Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public void Request()
    {
        lock (gate)
        {
            again = true;
            if (!running && !stopping.IsCancellationRequested)
            {
                running = true;
                current = Task.Run(LoopAsync);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Current.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        stopping.Dispose();
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
                await run(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!stopping.IsCancellationRequested)
                {
                    failed(e);
                }
            }
        }
    }
}
