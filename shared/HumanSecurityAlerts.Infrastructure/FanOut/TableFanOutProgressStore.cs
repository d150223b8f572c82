using System.Globalization;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.FanOut;

/// <summary>
/// <c>FanOutProgress</c>: PK = publication id, RK = generation as 6 digits (<c>000000</c> = the first fan-out, then one
/// per admin resend) — stage (frequency × pillar), continuation token of the next page, counts, completion.
/// </summary>
internal sealed class TableFanOutProgressStore(TableProvider tables) : IFanOutProgressStore
{
    public const string TableName = "FanOutProgress";

    public async Task<FanOutProgress?> GetAsync(string publicationId, int generation, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(publicationId, RowKey(generation), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } e ? ToProgress(e) : null;
    }

    public async Task<FanOutProgress?> GetLatestAsync(string publicationId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        FanOutProgress? latest = null;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {publicationId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            latest = ToProgress(e);
        }

        return latest;
    }

    public async Task SaveAsync(FanOutProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(progress.PublicationId, RowKey(progress.Generation))
            {
                ["Stage"] = progress.Stage,
                ["ContinuationToken"] = progress.ContinuationToken,
                ["Queued"] = progress.Queued,
                ["Digests"] = progress.Digests,
                ["Completed"] = progress.Completed,
                ["StartedAt"] = progress.StartedAt,
                ["UpdatedAt"] = progress.UpdatedAt,
                ["CompletedAt"] = progress.CompletedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    private static string RowKey(int generation) => generation.ToString("D6", CultureInfo.InvariantCulture);

    private static FanOutProgress ToProgress(TableEntity e) => new(
        e.PartitionKey,
        int.Parse(e.RowKey, CultureInfo.InvariantCulture),
        e.GetInt32("Stage") ?? 0,
        e.GetString("ContinuationToken"),
        e.GetInt64("Queued") ?? 0,
        e.GetInt64("Digests") ?? 0,
        e.GetBoolean("Completed") ?? false,
        e.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("CompletedAt"));
}
