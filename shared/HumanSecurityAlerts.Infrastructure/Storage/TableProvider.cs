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
internal sealed class TableProvider(TableServiceClient service, IOptions<TableStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableWriteBatcher>>> writers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<TableRowReadBatcher>>> readers = new(StringComparer.Ordinal);

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken = default) =>
        tables.GetOrAdd(logicalName, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, cancellationToken))).Value;

    public Task<TableWriteBatcher> GetWriteBatcherAsync(string logicalName) =>
        writers.GetOrAdd(logicalName, n => new Lazy<Task<TableWriteBatcher>>(async () => new TableWriteBatcher(await GetTableAsync(n).ConfigureAwait(false)))).Value;

    public Task<TableRowReadBatcher> GetRowReadBatcherAsync(string logicalName) =>
        readers.GetOrAdd(logicalName, n => new Lazy<Task<TableRowReadBatcher>>(async () => new TableRowReadBatcher(await GetTableAsync(n).ConfigureAwait(false)))).Value;

    private async Task<TableClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(options.Value.TablePrefix + logicalName);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
