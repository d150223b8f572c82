using Azure.Data.Tables;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

/// <summary>The delivery ledger spread over several partitions per publication, against Azurite: the claim still holds.</summary>
public sealed class ShardedLedgerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Shards = 8;

    [Fact]
    public async Task Concurrent_claims_of_each_delivery_let_exactly_one_through_across_all_shards()
    {
        var (ledger, table) = Ledger(Shards);
        const string publication = "0123456789abcdef0123456789abcdef";
        var subscribers = Enumerable.Range(0, 300).Select(i => $"w{i:D4}").ToList();

        // Five workers race for every delivery at once, as copies of one message after a lost lock would.
        var claims = subscribers
            .SelectMany(s => Enumerable.Range(0, 5).Select(_ => (Subscriber: s, Claim: ledger.TryWriteAsync(Sending(publication, s), CancellationToken.None))))
            .ToList();
        await Task.WhenAll(claims.Select(c => c.Claim));

        foreach (var group in claims.GroupBy(c => c.Subscriber))
        {
            Assert.Single(group, c => c.Claim.Result is not null);
        }

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(300, rows.Count);
        Assert.Equal(Shards, rows.Select(r => r.PartitionKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(TableDeliveryLedger.PartitionKey(publication, r.RowKey, Shards), r.PartitionKey));

        var listed = await ledger.ListAsync(publication, CancellationToken.None).ToListAsync();
        Assert.Equal(subscribers, listed.Select(r => r.SubscriberId).Order(StringComparer.Ordinal));
        Assert.All(listed, r => Assert.Equal(publication, r.PublicationId));
        Assert.All(listed, r => Assert.Equal(DeliveryId.Create(publication, r.SubscriberId), r.DeliveryId));
    }

    [Fact]
    public async Task An_outcome_is_written_once_on_the_claims_etag_and_a_stale_copy_is_refused()
    {
        var (ledger, _) = Ledger(Shards);
        const string publication = "fedcba9876543210fedcba9876543210";
        var claimed = await ledger.TryWriteAsync(Sending(publication, "e0001"), CancellationToken.None);
        Assert.NotNull(claimed);

        var delivered = claimed with { Status = DeliveryStatus.Delivered, DeliveredAt = DateTimeOffset.UtcNow };
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ledger.TryWriteAsync(delivered, CancellationToken.None)));

        Assert.Single(outcomes, o => o is not null);
        var read = await ledger.GetAsync(publication, "e0001", CancellationToken.None);
        Assert.Equal(DeliveryStatus.Delivered, read!.Status);
        Assert.Null(await ledger.GetAsync(publication, "e0002", CancellationToken.None));
    }

    [Fact]
    public async Task One_shard_keeps_the_publication_id_as_the_partition_as_before()
    {
        var (ledger, table) = Ledger(1);
        const string publication = "00000000000000000000000000000001";
        Assert.NotNull(await ledger.TryWriteAsync(Sending(publication, "w1"), CancellationToken.None));

        var row = Assert.Single(await table.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(publication, row.PartitionKey);
        Assert.Single(await ledger.ListAsync(publication, CancellationToken.None).ToListAsync());
    }

    private (TableDeliveryLedger Ledger, TableClient Table) Ledger(int shards)
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var tables = new TableProvider(new TableServiceClient(azurite.ConnectionString), Options.Create(new TableStorageOptions { TablePrefix = prefix }));
        var ledger = new TableDeliveryLedger(tables, Options.Create(new DeliveryOptions { LedgerShards = shards }));
        return (ledger, new TableClient(azurite.ConnectionString, prefix + TableDeliveryLedger.TableName));
    }

    private static DeliveryRecord Sending(string publication, string subscriber) => new()
    {
        PublicationId = publication,
        SubscriberId = subscriber,
        DeliveryId = DeliveryId.Create(publication, subscriber),
        Channel = subscriber.StartsWith('w') ? SubscriptionChannel.Webhook : SubscriptionChannel.Email,
        Status = DeliveryStatus.Sending,
        Attempts = 1,
        FirstAttemptAt = DateTimeOffset.UtcNow,
    };
}
