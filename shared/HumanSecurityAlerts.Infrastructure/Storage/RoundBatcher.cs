namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Group commit: requests made concurrently are served together in rounds. One round runs at a time and takes what
/// queued while the previous one ran, so nobody waits for a batch to fill: a lone request goes at once, and under load
/// each round trip serves many.
/// </summary>
internal abstract class RoundBatcher<T>
{
    private readonly Lock gate = new();
    private readonly List<T> queue = [];
    private bool flushing;

    protected void Enqueue(T item)
    {
        lock (gate)
        {
            queue.Add(item);
            if (!flushing)
            {
                flushing = true;

                // A round serves many callers: it must not carry the first one's async-local state (log scopes, trace).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(FlushAsync, CancellationToken.None);
                }
            }
        }
    }

    /// <summary>Removes from <paramref name="queue"/> (oldest first) what the next round serves; the rest waits for the one after.</summary>
    protected abstract List<T> Take(List<T> queue);

    /// <summary>Serves a round. Must answer every item, and not throw.</summary>
    protected abstract Task RunAsync(List<T> round);

    private async Task FlushAsync()
    {
        while (true)
        {
            List<T> round;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    flushing = false;
                    return;
                }

                round = Take(queue);
            }

            await RunAsync(round).ConfigureAwait(false);
        }
    }
}
