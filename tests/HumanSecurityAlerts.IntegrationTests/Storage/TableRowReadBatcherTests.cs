using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Testing.Storage;

namespace HumanSecurityAlerts.IntegrationTests.Storage;

public sealed class TableRowReadBatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Concurrent_reads_return_each_callers_row_or_null_for_a_missing_one()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTablePrefix() + "Read");
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < 60; i += 2)
        {
            await table.AddEntityAsync(new TableEntity($"k{i:D2}", "") { ["Value"] = i });
        }

        // A row in a key's partition under another RowKey is not the row read.
        await table.AddEntityAsync(new TableEntity("k01", "other") { ["Value"] = -1 });
        var batcher = new TableRowReadBatcher(table);

        // 60 keys (some asked twice) at once: several queries of up to 15 keys.
        var keys = Enumerable.Range(0, 60).Select(i => $"k{i:D2}").Concat(["k10", "k11"]).ToList();
        var rows = await Task.WhenAll(keys.Select(k => batcher.GetAsync(k, CancellationToken.None)));

        foreach (var (key, row) in keys.Zip(rows))
        {
            var i = int.Parse(key[1..], System.Globalization.CultureInfo.InvariantCulture);
            if (i % 2 == 0)
            {
                Assert.Equal(i, row?.GetInt32("Value"));
            }
            else
            {
                Assert.Null(row);
            }
        }

        Assert.Equal(8, (await batcher.GetAsync("k08", CancellationToken.None))?.GetInt32("Value"));
        Assert.Null(await batcher.GetAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_beyond_whole_queries_wait_for_the_next_round_and_are_answered()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.NewTablePrefix() + "Rest");
        await table.CreateIfNotExistsAsync();
        foreach (var i in Enumerable.Range(0, 40))
        {
            await table.AddEntityAsync(new TableEntity($"r{i:D2}", "") { ["Value"] = i });
        }

        var batcher = new TableRowReadBatcher(table);

        // The first read goes alone; the 39 queued meanwhile make two full queries now and 9 keys for the round after.
        var first = batcher.GetAsync("r00", CancellationToken.None);
        var rest = Enumerable.Range(1, 39).Select(i => batcher.GetAsync($"r{i:D2}", CancellationToken.None)).ToList();
        var rows = await Task.WhenAll([first, .. rest]);

        Assert.Equal(Enumerable.Range(0, 40), rows.Select(r => r?.GetInt32("Value") ?? -1));
    }
}
