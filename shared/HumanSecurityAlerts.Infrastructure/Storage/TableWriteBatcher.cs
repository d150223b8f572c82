using Azure;
using Azure.Data.Tables;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Group commit for one table: single-entity writes made concurrently are sent together as entity-group transactions
/// (one per partition, at most 100 entities, one action per entity), and each caller gets its own entity's outcome.
/// Nobody waits for a batch to fill: a round starts as soon as the previous one ends, with whatever queued meanwhile,
/// so a lone write goes at once and a busy drain's writes share round trips.
/// </summary>
/// <remarks>
/// A transaction is all or nothing; when one action fails (the service names it), that caller gets its outcome and
/// the rest is sent again. A failure naming no action (network, 5xx) fails every caller of that transaction.
/// </remarks>
internal sealed class TableWriteBatcher(TableClient table)
{
    private const int MaxPerTransaction = 100;
    private readonly Lock gate = new();
    private List<PendingWrite> queue = [];
    private bool flushing;

    /// <summary>
    /// Writes one entity. Returns the service's response for it (its new ETag), or null when its condition failed:
    /// an add found the entity already there (409), or an update's ETag no longer matched (412).
    /// </summary>
    /// <remarks>Cancelling stops the wait, not the write: it may still be made.</remarks>
    public Task<Response?> WriteAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var pending = new PendingWrite(action);
        lock (gate)
        {
            queue.Add(pending);
            if (!flushing)
            {
                flushing = true;

                // The round serves many callers: it must not carry the first one's async-local state (log scopes, trace).
                using (ExecutionContext.SuppressFlow())
                {
                    _ = Task.Run(FlushAsync, CancellationToken.None);
                }
            }
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<PendingWrite> round;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    flushing = false;
                    return;
                }

                round = queue;
                queue = [];
            }

            var transactions = new List<List<PendingWrite>>();
            var later = new List<PendingWrite>();
            foreach (var partition in round.GroupBy(p => p.Action.Entity.PartitionKey, StringComparer.Ordinal))
            {
                var rows = new HashSet<string>(StringComparer.Ordinal);
                var batch = new List<PendingWrite>();
                foreach (var pending in partition)
                {
                    // A transaction may touch an entity once, and holds 100 at most: the rest waits for the next round.
                    if (batch.Count < MaxPerTransaction && rows.Add(pending.Action.Entity.RowKey))
                    {
                        batch.Add(pending);
                    }
                    else
                    {
                        later.Add(pending);
                    }
                }

                transactions.Add(batch);
            }

            if (later.Count > 0)
            {
                lock (gate)
                {
                    later.AddRange(queue);
                    queue = later;
                }
            }

            await Task.WhenAll(transactions.Select(SubmitAsync)).ConfigureAwait(false);
        }
    }

    private async Task SubmitAsync(List<PendingWrite> batch)
    {
        while (batch.Count > 0)
        {
            try
            {
                var response = await table.SubmitTransactionAsync(batch.Select(p => p.Action), CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(response.Value[i]);
                }

                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is int failed && failed >= 0 && failed < batch.Count)
            {
                if (e.Status is 409 or 412)
                {
                    batch[failed].Done.TrySetResult(null);
                }
                else
                {
                    batch[failed].Done.TrySetException(e);
                }

                batch.RemoveAt(failed);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }

                return;
            }
        }
    }

    private sealed class PendingWrite(TableTransactionAction action)
    {
        public TableTransactionAction Action { get; } = action;

        public TaskCompletionSource<Response?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
