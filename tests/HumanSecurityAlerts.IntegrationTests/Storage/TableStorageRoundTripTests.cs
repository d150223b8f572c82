using Azure.Data.Tables;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Storage;

public sealed class TableStorageRoundTripTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_entity_written_through_the_app_registration_reads_back_from_Azurite()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TableStorage"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = prefix,
            ["ServiceBus"] = "Endpoint=sb://localhost:1;SharedAccessKeyName=x;SharedAccessKey=eA==;UseDevelopmentEmulator=true",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddHumanSecurityAlerts(configuration).BuildServiceProvider();

        var table = await services.GetRequiredService<TableProvider>().GetTableAsync("RoundTrip");
        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["Title"] = "Protection des civils", ["Count"] = 3 });
        var read = await table.GetEntityAsync<TableEntity>("pk", "rk");

        Assert.Equal(prefix + "RoundTrip", table.Name);
        Assert.Equal("Protection des civils", read.Value.GetString("Title"));
        Assert.Equal(3, read.Value.GetInt32("Count"));
    }
}
