using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Testing.Storage;

namespace HumanSecurityAlerts.IntegrationTests.Storage;

public sealed class TableWriteBatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Concurrent_adds_over_several_partitions_are_all_written_each_with_its_own_etag()
    {
        var table = await NewTableAsync();
        var batcher = new TableWriteBatcher(table);

        // 250 rows in two partitions: more than one transaction's worth in each.
        var writes = Enumerable.Range(0, 250)
            .Select(i => batcher.WriteAsync(Add($"p{i % 2}", $"r{i:D3}", i), CancellationToken.None))
            .ToList();
        var responses = await Task.WhenAll(writes);

        Assert.All(responses, r => Assert.NotNull(r));
        var stored = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(250, stored.Count);
        foreach (var (response, i) in responses.Select((r, i) => (r!, i)))
        {
            var row = stored.Single(e => e.RowKey == $"r{i:D3}");
            Assert.Equal(i, row.GetInt32("Value"));
            Assert.Equal(row.ETag, response.Headers.ETag);
        }
    }

    [Fact]
    public async Task An_add_of_an_existing_row_and_an_update_with_a_stale_etag_get_null_while_the_rest_of_their_transaction_is_written()
    {
        var table = await NewTableAsync();
        var batcher = new TableWriteBatcher(table);
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["Value"] = 1 });
        var changed = await table.AddEntityAsync(new TableEntity("p", "changed") { ["Value"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "changed") { ["Value"] = 2 }, changed.Headers.ETag!.Value, TableUpdateMode.Replace);

        // Issued together, so that (but for the first, which may go alone) they share a transaction.
        var fresh = Enumerable.Range(0, 20).Select(i => batcher.WriteAsync(Add("p", $"new{i:D2}", 10), CancellationToken.None)).ToList();
        var existing = batcher.WriteAsync(Add("p", "exists", 10), CancellationToken.None);
        var stale = batcher.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "changed") { ["Value"] = 10 }, changed.Headers.ETag!.Value), CancellationToken.None);
        fresh.AddRange(Enumerable.Range(20, 20).Select(i => batcher.WriteAsync(Add("p", $"new{i:D2}", 10), CancellationToken.None)));

        Assert.Null(await existing);
        Assert.Null(await stale);
        Assert.All(await Task.WhenAll(fresh), r => Assert.NotNull(r));
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "exists")).Value.GetInt32("Value"));
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "changed")).Value.GetInt32("Value"));
        var written = await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p" && e.RowKey.CompareTo("new") > 0).ToListAsync();
        Assert.Equal(40, written.Count(e => e.GetInt32("Value") == 10));
    }

    [Fact]
    public async Task Two_adds_of_the_same_row_at_once_write_it_once()
    {
        var table = await NewTableAsync();
        var batcher = new TableWriteBatcher(table);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => batcher.WriteAsync(Add("p", "same", i), CancellationToken.None)));

        Assert.Single(results, r => r is not null);
        Assert.Single(await table.QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task An_entity_the_service_refuses_fails_only_its_own_caller()
    {
        var table = await NewTableAsync();
        var batcher = new TableWriteBatcher(table);
        var tooLong = new TableEntity("p", "bad") { ["Text"] = new string('x', 40_000) };

        var good = batcher.WriteAsync(Add("p", "good", 1), CancellationToken.None);
        var bad = batcher.WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, tooLong), CancellationToken.None);

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => bad);
        Assert.NotNull(await good);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "good")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "bad")).HasValue);
    }

    private static TableTransactionAction Add(string partition, string row, int value) =>
        new(TableTransactionActionType.Add, new TableEntity(partition, row) { ["Value"] = value });

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTablePrefix() + "Batch");
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
