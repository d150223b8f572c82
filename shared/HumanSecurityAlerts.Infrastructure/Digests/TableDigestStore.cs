using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.Digests;

/// <summary>
/// <list type="bullet">
/// <item><c>DigestQueue</c>: PK = subscriber id, RK = publication id — what the subscriber's next digest lists (title,
/// URL, pillars, language, date). Keyed by publication, so a publication met through several pillars is one row.</item>
/// <item><c>DigestLog</c>: PK = period (<c>daily-2026-05-01</c>, <c>weekly-2026-W18</c>), RK = subscriber id — the digest
/// sent for that period (publication ids, time): makes a rerun in the same period send nothing.</item>
/// </list>
/// </summary>
internal sealed class TableDigestStore(TableProvider tables) : IDigestStore
{
    public const string QueueTable = "DigestQueue";
    public const string LogTable = "DigestLog";

    public async Task AddAsync(string subscriberId, DigestItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var table = await tables.GetTableAsync(QueueTable, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(subscriberId, item.PublicationId)
            {
                ["Title"] = item.Title,
                ["Url"] = item.Url.AbsoluteUri,
                ["Pillars"] = string.Join(',', item.Pillars),
                ["Language"] = item.Language,
                ["PublishedAt"] = item.PublishedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DigestItem>> GetAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(QueueTable, cancellationToken).ConfigureAwait(false);
        var items = new List<DigestItem>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {subscriberId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new DigestItem(
                e.RowKey,
                e.GetString("Title") ?? "",
                new Uri(e.GetString("Url")),
                (e.GetString("Pillars") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                e.GetString("Language") ?? "other",
                e.GetDateTimeOffset("PublishedAt") ?? DateTimeOffset.MinValue));
        }

        return items;
    }

    public async Task RemoveAsync(string subscriberId, IEnumerable<string> publicationIds, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(QueueTable, cancellationToken).ConfigureAwait(false);
        foreach (var chunk in publicationIds.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(subscriberId, id), ETag.All)), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>?> GetSentAsync(string period, string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LogTable, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(period, subscriberId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } e ? (e.GetString("PublicationIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries) : null;
    }

    public async Task MarkSentAsync(string period, string subscriberId, IReadOnlyList<string> publicationIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(LogTable, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(period, subscriberId) { ["PublicationIds"] = string.Join(',', publicationIds), ["SentAt"] = at },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }
}
