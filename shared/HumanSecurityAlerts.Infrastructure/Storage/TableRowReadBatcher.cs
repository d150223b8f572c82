using Azure.Data.Tables;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Coalesces point reads of a table whose partitions hold one row (RowKey <c>""</c>): reads made concurrently are
/// answered by queries of up to <see cref="MaxKeysPerQuery"/> partition keys joined by <c>or</c> (the Table service
/// allows 15 comparisons in a filter); a lone read stays a point read. Like <see cref="TableWriteBatcher"/>, a round
/// starts as soon as the previous one ends, with whatever queued meanwhile.
/// </summary>
internal sealed class TableRowReadBatcher(TableClient table)
{
    public const int MaxKeysPerQuery = 15;
    private const int MaxQueriesPerRound = 8;
    private readonly Lock gate = new();
    private readonly List<PendingRead> queue = [];
    private bool flushing;

    /// <summary>The row of <paramref name="partitionKey"/>, or null when there is none.</summary>
    public Task<TableEntity?> GetAsync(string partitionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var pending = new PendingRead(partitionKey);
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
            Dictionary<string, List<PendingRead>> round;
            lock (gate)
            {
                if (queue.Count == 0)
                {
                    flushing = false;
                    return;
                }

                round = new Dictionary<string, List<PendingRead>>(StringComparer.Ordinal);
                var taken = 0;
                foreach (var pending in queue)
                {
                    if (round.TryGetValue(pending.PartitionKey, out var waiting))
                    {
                        waiting.Add(pending);
                    }
                    else if (round.Count < MaxKeysPerQuery * MaxQueriesPerRound)
                    {
                        round.Add(pending.PartitionKey, [pending]);
                    }
                    else
                    {
                        break;
                    }

                    taken++;
                }

                queue.RemoveRange(0, taken);
            }

            await Task.WhenAll(round.Keys.Chunk(MaxKeysPerQuery).Select(keys => ReadAsync(keys, round))).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(string[] keys, Dictionary<string, List<PendingRead>> round)
    {
        try
        {
            var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
            if (keys.Length == 1)
            {
                var response = await table.GetEntityIfExistsAsync<TableEntity>(keys[0], "", cancellationToken: CancellationToken.None).ConfigureAwait(false);
                if (response.HasValue && response.Value is { } entity)
                {
                    found.Add(entity.PartitionKey, entity);
                }
            }
            else
            {
                var filter = string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"PartitionKey eq {k}")));
                await foreach (var entity in table.QueryAsync<TableEntity>(filter, MaxKeysPerQuery, cancellationToken: CancellationToken.None).ConfigureAwait(false))
                {
                    if (entity.RowKey.Length == 0)
                    {
                        found[entity.PartitionKey] = entity;
                    }
                }
            }

            foreach (var key in keys)
            {
                foreach (var pending in round[key])
                {
                    pending.Done.TrySetResult(found.GetValueOrDefault(key));
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var pending in keys.SelectMany(k => round[k]))
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    private sealed class PendingRead(string partitionKey)
    {
        public string PartitionKey { get; } = partitionKey;

        public TaskCompletionSource<TableEntity?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
