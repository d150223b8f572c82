using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.LocalServiceBus;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Publications;

/// <summary>
/// The app over Azurite (a table prefix of its own) and the local broker (a topic of its own, with the "fan-out"
/// subscription and duplicate detection as in infra/servicebus-entities.json, plus an "observer" subscription the
/// tests read, since the fan-out drain may consume "fan-out" right after a release), with helpers to call the
/// release API and to read what reached the topic.
/// </summary>
internal sealed class PublicationsApp : IAsyncDisposable
{
    public const string AdminKey = "integration-tests-admin-key-0123456789abcdef";
    public const string Subscription = "observer";

    private PublicationsApp(AppHost host, string tablePrefix, string topic, string connectionString)
    {
        Host = host;
        TablePrefix = tablePrefix;
        Topic = topic;
        StorageConnectionString = connectionString;
    }

    public AppHost Host { get; }

    public string TablePrefix { get; }

    public string Topic { get; }

    public string StorageConnectionString { get; }

    public static Dictionary<string, string> Admin => new() { ["Authorization"] = "Bearer " + AdminKey };

    public static string CreateTopic(LocalServiceBusFixture bus) =>
        bus.CreateTopic(
            new Dictionary<string, SubscriptionOptions> { ["fan-out"] = new(), [Subscription] = new() },
            new TopicOptions { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(10) },
            prefix: "publications");

    /// <param name="publishTo">The topic the app sends to; defaults to a new one (which is also <see cref="Topic"/>).</param>
    public static PublicationsApp Create(
        AzuriteFixture azurite,
        LocalServiceBusFixture bus,
        IDictionary<string, string?>? settings = null,
        string? tablePrefix = null,
        string? topic = null,
        string? publishTo = null,
        Action<IServiceCollection>? configure = null)
    {
        tablePrefix ??= AzuriteFixture.NewTablePrefix();
        topic ??= CreateTopic(bus);
        var all = new Dictionary<string, string?>
        {
            ["TableStorage"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = tablePrefix,
            ["ServiceBus"] = bus.ConnectionString,
            ["ServiceBus:PublicationsTopic"] = publishTo ?? topic,
            ["Admin:ApiKey"] = AdminKey,
            ["Site:BaseUrl"] = "https://alerts.example.test",
            ["Publications:SendTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new PublicationsApp(AppHost.Create(all, configure), tablePrefix, topic, azurite.ConnectionString);
    }

    public static string SeedRelease() =>
        File.ReadAllText(Testing.RepositoryPaths.Combine("seeds", "nato-human-security-2021-02-25.release.json"));

    public Task<FunctionResponse> ReleaseAsync(string? body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var function = Host.Create<Functions.Publications.ReleasePublication>();
        var request = AppHost.Request("POST", "/api/manage/publications", body, contentType, headers ?? Admin);
        return Host.InvokeAsync(request, r => function.Run(r, CancellationToken.None));
    }

    public Task<FunctionResponse> GetAsync(string id)
    {
        var function = Host.Create<Functions.Publications.GetPublication>();
        return Host.InvokeAsync(AppHost.Request("GET", "/api/publications/" + id), r => function.Run(r, id, CancellationToken.None));
    }

    public Task<FunctionResponse> FeedAsync(string pillar, string query, Dictionary<string, string>? headers = null)
    {
        var function = Host.Create<Functions.Publications.GetPillarFeed>();
        var request = AppHost.Request("GET", $"/api/pillars/{pillar}/feed{query}", headers: headers);
        return Host.InvokeAsync(request, r => function.Run(r, pillar, CancellationToken.None));
    }

    public Task<FunctionResponse> ListAsync(string query)
    {
        var function = Host.Create<Functions.Publications.ListPublications>();
        return Host.InvokeAsync(AppHost.Request("GET", "/api/publications" + query), r => function.Run(r, CancellationToken.None));
    }

    public Task<int> DrainOutboxAsync() =>
        Host.Services.GetRequiredService<PublicationPublisher>().DrainOutboxAsync(CancellationToken.None);

    /// <summary>Everything on the topic's observer subscription, waiting up to <paramref name="wait"/> for the first.</summary>
    public async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveAsync(TimeSpan wait)
    {
        var client = Host.Services.GetRequiredService<ServiceBusClient>();
        await using var receiver = client.CreateReceiver(Topic, Subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var all = new List<ServiceBusReceivedMessage>();
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync(100, all.Count == 0 ? wait : TimeSpan.FromMilliseconds(500));
            if (batch.Count == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    /// <summary>Rows in one of this app's tables (0 when the table was never created).</summary>
    public async Task<int> CountAsync(string table)
    {
        var client = new TableServiceClient(StorageConnectionString).GetTableClient(TablePrefix + table);
        var count = 0;
        try
        {
            await foreach (var _ in client.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }

        return count;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
