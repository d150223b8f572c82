using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Publications;

/// <summary>
/// The app (<see cref="AppHost"/>) with entities of its own, plus an "observer" subscription on its topic that the
/// tests read (the fan-out drain may consume "fan-out" right after a release), with helpers to call the release API and
/// to read what reached the topic.
/// </summary>
internal sealed class PublicationsApp : IAsyncDisposable
{
    public const string Subscription = "observer";

    private PublicationsApp(AppHost host) => Host = host;

    public AppHost Host { get; }

    public string TablePrefix => Host.TablePrefix;

    public string Topic => Host.Entities!.Topic;

    public string StorageConnectionString => Host.StorageConnectionString;

    public static AppEntities CreateEntities(LocalServiceBusFixture bus) => AppEntities.Create(bus, TimeSpan.FromMinutes(1), [Subscription]);

    /// <param name="entities">The topic and queue; new ones by default.</param>
    /// <param name="publishTo">The topic the app sends to, when not the one of <paramref name="entities"/>.</param>
    public static PublicationsApp Create(
        AzuriteFixture azurite,
        LocalServiceBusFixture bus,
        IDictionary<string, string?>? settings = null,
        string? tablePrefix = null,
        AppEntities? entities = null,
        string? publishTo = null,
        Action<IServiceCollection>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["Publications:SendTimeout"] = "00:00:10" };
        if (tablePrefix is not null)
        {
            all["TableStorage:TablePrefix"] = tablePrefix;
        }

        if (publishTo is not null)
        {
            all["ServiceBus:PublicationsTopic"] = publishTo;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new PublicationsApp(AppHost.Create(azurite, bus, baseUrl: "https://alerts.example.test", entities: entities ?? CreateEntities(bus), settings: all, configure: configure));
    }

    public static string SeedRelease() =>
        File.ReadAllText(Testing.RepositoryPaths.Combine("seeds", "nato-human-security-2021-02-25.release.json"));

    public Task<FunctionResponse> ReleaseAsync(string? body, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var function = Host.Create<Functions.Publications.ReleasePublication>();
        var request = AppHost.Request("POST", "/api/manage/publications", body, contentType, headers ?? AppHost.Admin);
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
