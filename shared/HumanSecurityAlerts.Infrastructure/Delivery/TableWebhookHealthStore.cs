using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// <c>WebhookHealth</c>: PK = subscriber id, RK = "" — present only while a webhook endpoint is failing: since when,
/// the last failure and its error. Removed by the next successful delivery (see below: at most a minute late).
/// </summary>
internal sealed class TableWebhookHealthStore(TableProvider tables, TimeProvider time) : IWebhookHealthStore, IDisposable
{
    public const string TableName = "WebhookHealth";

    // A success deletes the row only if it is in a list of failing endpoints read at most a minute ago (plus this
    // process's own failures since): a streak another process starts meanwhile is reset a minute late at most, and
    // disabling needs days of failure. More failing endpoints than MaxListed: no list, every success deletes.
    private static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(1);
    private const int MaxListed = 10_000;
    private readonly SemaphoreSlim listing = new(1, 1);
    private FailingList? failing;

    public async Task<DateTimeOffset> RecordFailureAsync(string subscriberId, DateTimeOffset at, string lastError, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(subscriberId, "", cancellationToken: cancellationToken).ConfigureAwait(false);
        var since = existing.HasValue && existing.Value?.GetDateTimeOffset("FailingSince") is { } s ? s : at;
        await table.UpsertEntityAsync(
            new TableEntity(subscriberId, "")
            {
                ["FailingSince"] = since,
                ["LastFailureAt"] = at,
                ["LastError"] = lastError is { Length: > 500 } ? lastError[..500] : lastError,
                ["Failures"] = (existing.HasValue ? existing.Value?.GetInt32("Failures") ?? 0 : 0) + 1,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        Volatile.Read(ref failing)?.Ids.TryAdd(subscriberId, 0);
        return since;
    }

    public async Task RecordSuccessAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var list = await GetFailingAsync(cancellationToken).ConfigureAwait(false);
        if (list is not null && !list.Ids.ContainsKey(subscriberId))
        {
            return;
        }

        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(subscriberId, "", ETag.All, cancellationToken).ConfigureAwait(false);
        list?.Ids.TryRemove(subscriberId, out _);
    }

    public void Dispose() => listing.Dispose();

    /// <summary>The failing endpoints, read at most <see cref="ListLifetime"/> ago; null when there are too many to list.</summary>
    private async Task<FailingList?> GetFailingAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref failing) is { } current && current.Expires > time.GetUtcNow())
        {
            return current.Complete ? current : null;
        }

        await listing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = time.GetUtcNow();
            if (Volatile.Read(ref failing) is { } other && other.Expires > started)
            {
                return other.Complete ? other : null;
            }

            var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
            var ids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            var complete = true;
            await foreach (var e in table.QueryAsync<TableEntity>(maxPerPage: 1000, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (ids.Count >= MaxListed)
                {
                    complete = false;
                    break;
                }

                ids.TryAdd(e.PartitionKey, 0);
            }

            var list = new FailingList(ids, started + ListLifetime, complete);
            Volatile.Write(ref failing, list);
            return complete ? list : null;
        }
        finally
        {
            listing.Release();
        }
    }

    private sealed record FailingList(ConcurrentDictionary<string, byte> Ids, DateTimeOffset Expires, bool Complete);
}
