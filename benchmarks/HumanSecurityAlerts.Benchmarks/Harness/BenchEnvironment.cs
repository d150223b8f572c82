using System.Globalization;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Data.Tables;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalServiceBus;
using HumanSecurityAlerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Azurite (started here, or <c>HSA_TEST_TABLES_CONNECTION</c>) and the local broker with the entities of
/// infra/servicebus-entities.json, as the tests and the local run use them; a fresh table prefix per run.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    private readonly AzuriteServer azurite;

    private BenchEnvironment(AzuriteServer azurite, LocalServiceBusBroker broker)
    {
        this.azurite = azurite;
        Broker = broker;
    }

    public LocalServiceBusBroker Broker { get; }

    public string TablesConnection => azurite.ConnectionString;

    public static async Task<BenchEnvironment> StartAsync()
    {
        var existing = Environment.GetEnvironmentVariable("HSA_TEST_TABLES_CONNECTION");
        var azurite = string.IsNullOrWhiteSpace(existing)
            ? await AzuriteServer.StartAsync(RepositoryPaths.Root, FreePort.Next(), TimeSpan.FromSeconds(60))
            : AzuriteServer.Existing(existing);
        var broker = new LocalServiceBusBroker();
        broker.LoadEntities(RepositoryPaths.Combine("infra", "servicebus-entities.json"));
        await broker.StartAsync();
        return new BenchEnvironment(azurite, broker);
    }

    public static string NewTablePrefix() => "b" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The app's settings for a harness run (kick on release off: the harness runs the drains itself).</summary>
    public Dictionary<string, string?> Settings(string? smtpHost = null, int smtpPort = 25) => new()
    {
        ["TableStorage"] = TablesConnection,
        ["TableStorage:TablePrefix"] = NewTablePrefix(),
        ["ServiceBus"] = Broker.ConnectionString,
        ["ServiceBus:PublicationsTopic"] = "publications",
        ["ServiceBus:FanOutSubscription"] = "fan-out",
        ["ServiceBus:DeliveriesQueue"] = "deliveries",
        ["Admin:ApiKey"] = "benchmark-admin-key-0123456789abcdef0123456789",
        ["Site:BaseUrl"] = "https://alerts.example.test",
        ["Smtp:Host"] = smtpHost ?? "127.0.0.1",
        ["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:FromAddress"] = "alerts@example.org",
        ["Subscriptions:EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["FanOut:KickOnRelease"] = "false",
        ["FanOut:ReceiveWait"] = "00:00:00.200",
        ["Delivery:ReceiveWait"] = "00:00:00.200",
    };

    /// <summary>The app's own DI registration (as Program.cs), timing decorators around its dependencies, warnings counted.</summary>
    public static ServiceProvider BuildApp(IDictionary<string, string?> settings, CallProfile profile, WarningCounter warnings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(warnings));
        services.AddHumanSecurityAlerts(configuration);
        services.AddProfiling(profile);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new TableRequestProfile(profile), HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(settings["TableStorage"], tableOptions));
        return services.BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
