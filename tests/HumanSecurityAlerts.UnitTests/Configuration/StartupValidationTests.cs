using HumanSecurityAlerts.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Configuration;

public sealed class StartupValidationTests
{
    private const string ValidTables = "UseDevelopmentStorage=true";
    private const string ValidServiceBus = "Endpoint=sb://localhost:5672;SharedAccessKeyName=x;SharedAccessKey=eA==;UseDevelopmentEmulator=true";

    [Theory]
    [InlineData(null, ValidServiceBus, "TableStorage")]
    [InlineData("not a connection string", ValidServiceBus, "TableStorage")]
    [InlineData(ValidTables, null, "ServiceBus")]
    [InlineData(ValidTables, "Endpoint=;garbage", "ServiceBus")]
    public async Task Start_fails_with_the_name_of_a_missing_or_malformed_setting(string? tables, string? serviceBus, string setting)
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["TableStorage"] = tables, ["ServiceBus"] = serviceBus });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"'{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_based_settings_must_be_well_formed()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["TableStorage:tableServiceUri"] = "http://insecure.table.core.windows.net",
            ["ServiceBus:fullyQualifiedNamespace"] = "not a host",
        });

        // Both settings are wrong, so the host reports both at once.
        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        Assert.All(error.InnerExceptions, e => Assert.IsType<OptionsValidationException>(e));
        Assert.Contains("TableStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceBus__fullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_local_settings_start()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["TableStorage"] = ValidTables, ["ServiceBus"] = ValidServiceBus });

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHumanSecurityAlerts(builder.Configuration);
        return builder.Build();
    }
}
