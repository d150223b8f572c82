using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Hands out <see cref="TableClient"/>s by logical name (prefix + name) and creates each table once per process,
/// so features never race on table creation and tests can isolate themselves with a unique prefix. Also hands out one
/// <see cref="TableWriteBatcher"/> and one <see cref="TableRowReadBatcher"/> per table, so that every caller in the process
/// shares its round trips.
/// </summary>
/// <remarks>
/// Only a creation that succeeded is kept: one that failed (storage unreachable at start-up) is forgotten, so the next
/// caller tries again rather than failing that table for the life of the process. The shared creation does not take a
/// caller's cancellation token, so one caller giving up does not fail the others; each caller stops waiting on its own.
/// </remarks>
internal sealed class TableProvider(TableServiceClient service, IOptions<TableStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableWriteBatcher>>> writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableRowReadBatcher>>> readers = new(StringComparer.Ordinal);

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken = default) =>
        GetOrCreateAsync(tables, logicalName, CreateAsync, cancellationToken);

    public Task<TableWriteBatcher> GetWriteBatcherAsync(string logicalName) =>
        GetOrCreateAsync(writers, logicalName, async n => new TableWriteBatcher(await GetTableAsync(n).ConfigureAwait(false)), CancellationToken.None);

    public Task<TableRowReadBatcher> GetRowReadBatcherAsync(string logicalName) =>
        GetOrCreateAsync(readers, logicalName, async n => new TableRowReadBatcher(await GetTableAsync(n).ConfigureAwait(false)), CancellationToken.None);

    private static async Task<T> GetOrCreateAsync<T>(
        ConcurrentDictionary<string, Lazy<Task<T>>> cache, string logicalName, Func<string, Task<T>> create, CancellationToken cancellationToken)
    {
        var entry = cache.GetOrAdd(logicalName, n => new Lazy<Task<T>>(() => create(n)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            cache.TryRemove(KeyValuePair.Create(logicalName, entry));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string logicalName)
    {
        var client = service.GetTableClient(options.Value.TablePrefix + logicalName);
        await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        return client;
    }
}
