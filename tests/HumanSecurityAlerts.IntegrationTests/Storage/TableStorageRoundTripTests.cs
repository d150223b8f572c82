using Azure.Data.Tables;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Storage;

public sealed class TableStorageRoundTripTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_entity_written_through_the_app_registration_reads_back_from_Azurite()
    {
        await using var app = AppHost.Create(azurite);

        var table = await app.Services.GetRequiredService<TableProvider>().GetTableAsync("RoundTrip");
        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["Title"] = "Protection des civils", ["Count"] = 3 });
        var read = await table.GetEntityAsync<TableEntity>("pk", "rk");

        Assert.Equal(app.TablePrefix + "RoundTrip", table.Name);
        Assert.Equal("Protection des civils", read.Value.GetString("Title"));
        Assert.Equal(3, read.Value.GetInt32("Count"));
    }
}
