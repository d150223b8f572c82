using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.Feeds;

/// <summary>
/// Table <c>FeedStates</c>: PartitionKey = "feeds", RowKey = first 128 bits of SHA-256(feed URL) in hex. Holds the
/// ETag / Last-Modified of the last successful fetch (for the next conditional GET) and the last error.
/// </summary>
internal sealed class TableFeedStateStore(TableProvider tables) : IFeedStateStore
{
    internal const string TableName = "FeedStates";
    private const string Partition = "feeds";

    public async Task<FeedState?> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(url), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        return new FeedState(url, new FeedValidators(e.GetString("ETag"), e.GetString("LastModified")), e.GetDateTimeOffset("LastFetchedAt"), e.GetString("LastError"), e.GetInt32("NewItems"));
    }

    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(Partition, Key(state.Url))
            {
                ["Url"] = state.Url.AbsoluteUri,
                ["ETag"] = state.Validators.ETag,
                ["LastModified"] = state.Validators.LastModified,
                ["LastFetchedAt"] = state.LastFetchedAt,
                ["LastError"] = state.LastError,
                ["NewItems"] = state.NewItems,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    internal static string Key(Uri url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)).AsSpan(0, 16));
}
