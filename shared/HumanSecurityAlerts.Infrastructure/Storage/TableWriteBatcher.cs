using Azure;
using Azure.Data.Tables;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Group commit for one table: single-entity writes made concurrently are sent together as entity-group transactions
/// (one per partition, at most 100 entities, one action per entity), and each caller gets its own entity's outcome.
/// </summary>
/// <remarks>
/// A transaction is all or nothing; when one action fails (the service names it), that caller gets its outcome and
/// the rest is sent again. A failure naming no action (network, 5xx) fails every caller of that transaction.
/// </remarks>
internal sealed class TableWriteBatcher(TableClient table) : RoundBatcher<TableWriteBatcher.PendingWrite>
{
    private const int MaxPerTransaction = 100;

    /// <summary>
    /// Writes one entity. Returns the service's response for it (its new ETag), or null when its condition failed:
    /// an add found the entity already there (409), or an update's ETag no longer matched (412).
    /// </summary>
    /// <remarks>Cancelling stops the wait, not the write: it may still be made.</remarks>
    public Task<Response?> WriteAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var pending = new PendingWrite(action);
        Enqueue(pending);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override List<PendingWrite> Take(List<PendingWrite> queue)
    {
        // A transaction may touch an entity once, and holds 100 at most: the rest waits for the next round.
        var round = new List<PendingWrite>();
        var rest = new List<PendingWrite>();
        var taken = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var pending in queue)
        {
            var entity = pending.Action.Entity;
            if (!taken.TryGetValue(entity.PartitionKey, out var rows))
            {
                rows = new HashSet<string>(StringComparer.Ordinal);
                taken.Add(entity.PartitionKey, rows);
            }

            (rows.Count < MaxPerTransaction && rows.Add(entity.RowKey) ? round : rest).Add(pending);
        }

        queue.Clear();
        queue.AddRange(rest);
        return round;
    }

    protected override Task RunAsync(List<PendingWrite> round) =>
        Task.WhenAll(round.GroupBy(p => p.Action.Entity.PartitionKey, StringComparer.Ordinal).Select(partition => SubmitAsync([.. partition])));

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

    internal sealed class PendingWrite(TableTransactionAction action)
    {
        public TableTransactionAction Action { get; } = action;

        public TaskCompletionSource<Response?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
