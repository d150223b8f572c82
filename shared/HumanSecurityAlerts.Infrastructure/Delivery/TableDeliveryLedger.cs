using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// <c>Deliveries</c>: PK = publication id (with <see cref="DeliveryOptions.LedgerShards"/> above 1: publication id,
/// <c>~</c>, the subscriber's shard), RK = subscriber id — one row per notification, so a delivery's row is a point read
/// and "the delivery ledger of a publication" is one query per shard. Shards let one publication's deliveries go past
/// one partition's write rate; the claim stays a conditional write on one row, so it holds across shards. Written with
/// optimistic concurrency (ETag), through the table's <see cref="TableWriteBatcher"/>: a drain's concurrent claims and
/// outcomes in one partition share entity-group transactions, a fraction of the round trips of one write each.
/// </summary>
internal sealed class TableDeliveryLedger(TableProvider tables, IOptions<DeliveryOptions> options) : IDeliveryLedger
{
    public const string TableName = "Deliveries";

    /// <summary>The partition of a delivery's row: stable for a subscriber, spread evenly over the shards.</summary>
    public static string PartitionKey(string publicationId, string subscriberId, int shards) =>
        shards <= 1 ? publicationId : string.Create(CultureInfo.InvariantCulture, $"{publicationId}~{Shard(subscriberId, shards):D2}");

    private static int Shard(string subscriberId, int shards)
    {
        // FNV-1a: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in subscriberId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }

    public async Task<DeliveryRecord?> GetAsync(string publicationId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(publicationId, subscriberId, options.Value.LedgerShards), subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } e ? ToRecord(e) : null;
    }

    public async Task<DeliveryRecord?> TryWriteAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var writer = await tables.GetWriteBatcherAsync(TableName).ConfigureAwait(false);
        var entity = ToEntity(record, options.Value.LedgerShards);
        var action = record.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(record.ETag));
        var response = await writer.WriteAsync(action, cancellationToken).ConfigureAwait(false);
        return response is null ? null : record with { ETag = response.Headers.ETag?.ToString() };
    }

    public async IAsyncEnumerable<DeliveryRecord> ListAsync(string publicationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var shards = options.Value.LedgerShards;
        var filter = shards <= 1
            ? TableClient.CreateQueryFilter($"PartitionKey eq {publicationId}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {publicationId + "~"} and PartitionKey lt {publicationId + "\u007f"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToRecord(e);
        }
    }

    // Absent properties read as null and a replace drops what it does not carry, so nulls are left out: a smaller
    // entity to serialise, send and store, twice per delivery.
    private static TableEntity ToEntity(DeliveryRecord r, int shards)
    {
        var entity = new TableEntity(PartitionKey(r.PublicationId, r.SubscriberId, shards), r.SubscriberId)
        {
            ["PublicationId"] = r.PublicationId,
            ["DeliveryId"] = r.DeliveryId,
            ["Channel"] = r.Channel.Name(),
            ["Status"] = r.Status.ToString(),
            ["Attempts"] = r.Attempts,
            ["RunAttempt"] = r.RunAttempt,
        };
        SetIfNotNull(entity, "Run", r.Run);
        SetIfNotNull(entity, "LastError", r.LastError is { Length: > 1000 } error ? error[..1000] : r.LastError);
        SetIfNotNull(entity, "LastStatusCode", r.LastStatusCode);
        SetIfNotNull(entity, "FirstAttemptAt", r.FirstAttemptAt);
        SetIfNotNull(entity, "LastAttemptAt", r.LastAttemptAt);
        SetIfNotNull(entity, "NextAttemptAt", r.NextAttemptAt);
        SetIfNotNull(entity, "DeliveredAt", r.DeliveredAt);
        return entity;
    }

    private static void SetIfNotNull(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static DeliveryRecord ToRecord(TableEntity e) => new()
    {
        PublicationId = e.GetString("PublicationId") ?? e.PartitionKey,
        SubscriberId = e.RowKey,
        DeliveryId = e.GetString("DeliveryId") ?? DeliveryId.Create(e.GetString("PublicationId") ?? e.PartitionKey, e.RowKey),
        Channel = SubscriptionNames.TryParseChannel(e.GetString("Channel"), out var channel) ? channel : SubscriptionChannel.Email,
        Status = Enum.TryParse<DeliveryStatus>(e.GetString("Status"), out var status) ? status : DeliveryStatus.Sending,
        Attempts = e.GetInt32("Attempts") ?? 0,
        Run = e.GetString("Run"),
        RunAttempt = e.GetInt32("RunAttempt") ?? 0,
        LastError = e.GetString("LastError"),
        LastStatusCode = e.GetInt32("LastStatusCode"),
        FirstAttemptAt = e.GetDateTimeOffset("FirstAttemptAt"),
        LastAttemptAt = e.GetDateTimeOffset("LastAttemptAt"),
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt"),
        DeliveredAt = e.GetDateTimeOffset("DeliveredAt"),
        ETag = e.ETag.ToString(),
    };
}
