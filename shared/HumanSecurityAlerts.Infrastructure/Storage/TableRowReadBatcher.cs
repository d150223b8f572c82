using Azure.Data.Tables;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Coalesces point reads of a table whose partitions hold one row (RowKey <c>""</c>): reads made concurrently are
/// answered by queries of up to <see cref="MaxKeysPerQuery"/> partition keys joined by <c>or</c> (the Table service
/// allows 15 comparisons in a filter); a lone read stays a point read.
/// </summary>
internal sealed class TableRowReadBatcher(TableClient table) : RoundBatcher<TableRowReadBatcher.PendingRead>
{
    public const int MaxKeysPerQuery = 15;
    private const int MaxQueriesPerRound = 8;

    /// <summary>The row of <paramref name="partitionKey"/>, or null when there is none.</summary>
    public Task<TableEntity?> GetAsync(string partitionKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var pending = new PendingRead(partitionKey);
        Enqueue(pending);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override List<PendingRead> Take(List<PendingRead> queue)
    {
        // Full queries only, when more than one query's worth waits: the remainder goes with the next round rather
        // than as a query of its own (each request costs the service more than a key does).
        var distinct = queue.Select(p => p.PartitionKey).Distinct(StringComparer.Ordinal).Count();
        var limit = distinct <= MaxKeysPerQuery ? distinct : Math.Min(MaxKeysPerQuery * MaxQueriesPerRound, distinct - (distinct % MaxKeysPerQuery));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var taken = 0;
        while (taken < queue.Count && (keys.Count < limit || keys.Contains(queue[taken].PartitionKey)))
        {
            keys.Add(queue[taken].PartitionKey);
            taken++;
        }

        var round = queue[..taken];
        queue.RemoveRange(0, taken);
        return round;
    }

    protected override Task RunAsync(List<PendingRead> round)
    {
        var waiting = round.ToLookup(p => p.PartitionKey, StringComparer.Ordinal);
        return Task.WhenAll(waiting.Select(w => w.Key).Chunk(MaxKeysPerQuery).Select(keys => ReadAsync(keys, waiting)));
    }

    private async Task ReadAsync(string[] keys, ILookup<string, PendingRead> waiting)
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

            foreach (var pending in keys.SelectMany(k => waiting[k]))
            {
                pending.Done.TrySetResult(found.GetValueOrDefault(pending.PartitionKey));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var pending in keys.SelectMany(k => waiting[k]))
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    internal sealed class PendingRead(string partitionKey)
    {
        public string PartitionKey { get; } = partitionKey;

        public TaskCompletionSource<TableEntity?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
