using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Hands out <see cref="TableClient"/>s by logical name (prefix + name) and creates each table once per process,
/// so features never race on table creation and tests can isolate themselves with a unique prefix.
/// </summary>
internal sealed class TableProvider(TableServiceClient service, IOptions<TableStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    public Task<TableClient> GetTableAsync(string logicalName, CancellationToken cancellationToken = default) =>
        tables.GetOrAdd(logicalName, n => new Lazy<Task<TableClient>>(() => CreateAsync(n, cancellationToken))).Value;

    private async Task<TableClient> CreateAsync(string logicalName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(options.Value.TablePrefix + logicalName);
        await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
