using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using HumanSecurityAlerts.Storage;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace HumanSecurityAlerts.UnitTests.Storage;

public class TableProviderTests
{
    [Fact]
    public async Task A_failed_creation_is_tried_again_by_the_next_caller()
    {
        var (service, table) = Service("Publications");
        table.CreateIfNotExistsAsync(Arg.Any<CancellationToken>())
            .Returns(
                _ => throw new RequestFailedException(503, "unavailable"),
                _ => Task.FromResult(Substitute.For<Response<TableItem>>()));
        var provider = new TableProvider(service, Options.Create(new TableStorageOptions { TablePrefix = "t" }));

        await Assert.ThrowsAsync<RequestFailedException>(() => provider.GetTableAsync("Publications"));

        Assert.Same(table, await provider.GetTableAsync("Publications"));
        Assert.Same(table, await provider.GetTableAsync("Publications"));
        await table.Received(2).CreateIfNotExistsAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_fail_the_others()
    {
        var (service, table) = Service("Publications");
        var created = new TaskCompletionSource<Response<TableItem>>();
        table.CreateIfNotExistsAsync(Arg.Any<CancellationToken>()).Returns(created.Task);
        var provider = new TableProvider(service, Options.Create(new TableStorageOptions { TablePrefix = "t" }));
        using var cancelled = new CancellationTokenSource();

        var first = provider.GetTableAsync("Publications", cancelled.Token);
        var second = provider.GetTableAsync("Publications");
        await cancelled.CancelAsync();
        created.SetResult(Substitute.For<Response<TableItem>>());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Same(table, await second);
        Assert.Same(table, await provider.GetTableAsync("Publications"));
        await table.Received(1).CreateIfNotExistsAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_batcher_whose_table_could_not_be_created_is_made_again()
    {
        var (service, table) = Service("Ledger");
        table.CreateIfNotExistsAsync(Arg.Any<CancellationToken>())
            .Returns(
                _ => throw new RequestFailedException(503, "unavailable"),
                _ => Task.FromResult(Substitute.For<Response<TableItem>>()));
        var provider = new TableProvider(service, Options.Create(new TableStorageOptions { TablePrefix = "t" }));

        await Assert.ThrowsAsync<RequestFailedException>(() => provider.GetWriteBatcherAsync("Ledger"));

        var batcher = await provider.GetWriteBatcherAsync("Ledger");
        Assert.Same(batcher, await provider.GetWriteBatcherAsync("Ledger"));
    }

    private static (TableServiceClient Service, TableClient Table) Service(string name)
    {
        var service = Substitute.For<TableServiceClient>();
        var table = Substitute.For<TableClient>();
        service.GetTableClient("t" + name).Returns(table);
        return (service, table);
    }
}
