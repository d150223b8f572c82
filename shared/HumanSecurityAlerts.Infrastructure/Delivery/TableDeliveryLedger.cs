using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// <c>Deliveries</c>: PK = publication id, RK = subscriber id — one row per notification, so "the delivery ledger of a
/// publication" is one partition query and a delivery's row is a point read. Written with optimistic concurrency (ETag),
/// through the table's <see cref="TableWriteBatcher"/>: a drain's concurrent claims and outcomes of one publication share
/// entity-group transactions (one partition), a fraction of the round trips of one write each.
/// </summary>
internal sealed class TableDeliveryLedger(TableProvider tables) : IDeliveryLedger
{
    public const string TableName = "Deliveries";

    public async Task<DeliveryRecord?> GetAsync(string publicationId, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(publicationId, subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } e ? ToRecord(e) : null;
    }

    public async Task<DeliveryRecord?> TryWriteAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var writer = await tables.GetWriteBatcherAsync(TableName).ConfigureAwait(false);
        var entity = ToEntity(record);
        var action = record.ETag is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(record.ETag));
        var response = await writer.WriteAsync(action, cancellationToken).ConfigureAwait(false);
        return response is null ? null : record with { ETag = response.Headers.ETag?.ToString() };
    }

    public async IAsyncEnumerable<DeliveryRecord> ListAsync(string publicationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {publicationId}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToRecord(e);
        }
    }

    private static TableEntity ToEntity(DeliveryRecord r) => new(r.PublicationId, r.SubscriberId)
    {
        ["DeliveryId"] = r.DeliveryId,
        ["Channel"] = r.Channel.Name(),
        ["Status"] = r.Status.ToString(),
        ["Attempts"] = r.Attempts,
        ["Run"] = r.Run,
        ["RunAttempt"] = r.RunAttempt,
        ["LastError"] = r.LastError is { Length: > 1000 } error ? error[..1000] : r.LastError,
        ["LastStatusCode"] = r.LastStatusCode,
        ["FirstAttemptAt"] = r.FirstAttemptAt,
        ["LastAttemptAt"] = r.LastAttemptAt,
        ["NextAttemptAt"] = r.NextAttemptAt,
        ["DeliveredAt"] = r.DeliveredAt,
    };

    private static DeliveryRecord ToRecord(TableEntity e) => new()
    {
        PublicationId = e.PartitionKey,
        SubscriberId = e.RowKey,
        DeliveryId = e.GetString("DeliveryId") ?? DeliveryId.Create(e.PartitionKey, e.RowKey),
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
