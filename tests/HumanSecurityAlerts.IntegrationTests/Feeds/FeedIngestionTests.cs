using System.Net;
using HumanSecurityAlerts.Feeds;
using HumanSecurityAlerts.IntegrationTests.Publications;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Feeds;

/// <summary>The feed ingestion run over real HTTP (feeds served by the loopback receiver), Azurite and the local broker.</summary>
public sealed class FeedIngestionTests(AzuriteFixture azurite, LocalServiceBusFixture bus, WebhookReceiverFixture web)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<WebhookReceiverFixture>
{
    private const int SampleItems = 9; // 4 in sample.rss.xml, 5 in sample.atom.xml

    [Fact]
    public async Task Ingesting_the_sample_feeds_twice_stores_and_publishes_each_item_once()
    {
        var rss = ServeFile("sample.rss.xml", "application/rss+xml");
        var atom = ServeFile("sample.atom.xml", "application/atom+xml");
        await using var app = App(rss.Url, atom.Url);
        var ingestion = app.Host.Services.GetRequiredService<FeedIngestionService>();

        var first = await ingestion.RunAsync(CancellationToken.None);
        var second = await ingestion.RunAsync(CancellationToken.None);

        Assert.Equal((2, 0, SampleItems), (first.SucceededFeeds, first.FailedFeeds, first.Stored));
        Assert.Equal((2, 0, 0, SampleItems), (second.SucceededFeeds, second.FailedFeeds, second.Stored, second.AlreadyStored));
        Assert.Equal(SampleItems, await app.CountAsync("Publications"));
        var messages = await app.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SampleItems, messages.Count);
        Assert.Equal(SampleItems, messages.Select(m => m.MessageId).Distinct().Count());

        // The tracking parameters of the RSS link are not part of the stored URL; HTML became text.
        var list = await app.ListAsync("?pillar=protection-of-civilians&lang=en");
        var item = Assert.Single(list.Json.GetProperty("items").EnumerateArray());
        Assert.Equal("https://example.org/newsroom/2024/03/protection-of-civilians-guidance", item.GetProperty("url").GetString());
        var stored = await app.GetAsync(item.GetProperty("id").GetString()!);
        Assert.DoesNotContain("<", stored.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("protection of civilians", stored.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("sample-rss", stored.Json.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Each_sample_item_gets_its_pillar_and_the_defence_items_get_none()
    {
        var rss = ServeFile("sample.rss.xml", "application/rss+xml");
        var atom = ServeFile("sample.atom.xml", "application/atom+xml");
        await using var app = App(rss.Url, atom.Url);

        await app.Host.Services.GetRequiredService<FeedIngestionService>().RunAsync(CancellationToken.None);

        var all = await app.ListAsync("?top=100");
        var byUrl = all.Json.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("url").GetString()!,
            i => i.GetProperty("pillars").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Contains("protection-of-civilians", byUrl["https://example.org/newsroom/2024/03/protection-of-civilians-guidance"]);
        Assert.Contains("children-and-armed-conflict", byUrl["https://example.org/newsroom/2024/03/children-and-armed-conflict-course"]);
        Assert.Contains("trafficking-in-human-beings", byUrl["https://example.org/newsroom/2024/03/trafficking-in-human-beings-exercise"]);
        Assert.Contains("conflict-related-sexual-violence", byUrl["https://example.org/reports/2024/conflict-related-sexual-violence"]);
        Assert.Contains("cultural-property-protection", byUrl["https://example.org/reports/2024/cultural-property-protection"]);
        Assert.Contains("women-peace-and-security", byUrl["https://example.org/reports/2024/women-peace-and-security"]);
        Assert.Contains("protection-of-civilians", byUrl["https://example.org/rapports/2024/protection-des-civils"]);
        Assert.Empty(byUrl["https://example.org/newsroom/2024/03/air-policing-rotation"]);
        Assert.Empty(byUrl["https://example.org/reports/2024/logistics-conference"]);
    }

    [Fact]
    public async Task A_feed_that_did_not_change_is_not_downloaded_again()
    {
        var content = File.ReadAllText(RepositoryPaths.Combine("seeds", "feeds", "sample.atom.xml"));
        var endpoint = web.Receiver.CreateEndpoint("feed");
        endpoint.Responder = request => request.Header("If-None-Match") == "\"v1\""
            ? WebhookReply.Status(304)
            : new WebhookReply(200, content, Headers: new Dictionary<string, string> { ["Content-Type"] = "application/atom+xml", ["ETag"] = "\"v1\"" });
        await using var app = App(endpoint.Url);
        var ingestion = app.Host.Services.GetRequiredService<FeedIngestionService>();

        var states = app.Host.Services.GetRequiredService<IFeedStateStore>();

        var first = await ingestion.RunAsync(CancellationToken.None);
        Assert.Equal(first.Stored, (await states.GetAsync(endpoint.Url, CancellationToken.None))!.NewItems);
        var second = await ingestion.RunAsync(CancellationToken.None);

        // The console's feeds page shows what the last fetch brought: nothing new this time.
        Assert.True(first.Stored > 0);
        Assert.Equal(0, (await states.GetAsync(endpoint.Url, CancellationToken.None))!.NewItems);
        Assert.Equal(1, second.NotModifiedFeeds);
        Assert.Null(endpoint.Requests[0].Header("If-None-Match"));
        Assert.Equal("\"v1\"", endpoint.Requests[1].Header("If-None-Match"));
    }

    [Fact]
    public async Task A_feed_that_fails_500_garbage_too_large_or_unreachable_does_not_stop_the_others()
    {
        var failing = web.Receiver.CreateEndpoint("feed");
        failing.DefaultReply = WebhookReply.Status(500);
        var garbage = web.Receiver.CreateEndpoint("feed");
        garbage.DefaultReply = new WebhookReply(200, "<html><body>not <b>a feed", Headers: new Dictionary<string, string> { ["Content-Type"] = "text/html" });
        var notXml = web.Receiver.CreateEndpoint("feed");
        notXml.DefaultReply = new WebhookReply(200, "{\"items\":[]} \0\u0001 garbage", Headers: new Dictionary<string, string> { ["Content-Type"] = "application/xml" });
        var huge = web.Receiver.CreateEndpoint("feed");
        huge.DefaultReply = new WebhookReply(200, "<rss version=\"2.0\"><channel>" + new string(' ', 20 * 1024 * 1024), Headers: new Dictionary<string, string> { ["Content-Type"] = "application/rss+xml" });
        var dtd = web.Receiver.CreateEndpoint("feed");
        dtd.DefaultReply = new WebhookReply(200, """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>""");
        var unreachable = new Uri($"http://127.0.0.1:{FreePort.Next()}/feed.xml");
        var good = ServeFile("sample.rss.xml", "application/rss+xml");
        await using var app = App(failing.Url, garbage.Url, notXml.Url, huge.Url, dtd.Url, unreachable, good.Url);

        var run = await app.Host.Services.GetRequiredService<FeedIngestionService>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 6, 4), (run.SucceededFeeds, run.FailedFeeds, run.Stored));
        Assert.Equal(4, await app.CountAsync("Publications"));
        Assert.Equal(2, failing.Requests.Count); // one retry (Feeds:RetryCount = 1), then skipped
        Assert.Equal(7, await app.CountAsync("FeedStates"));
    }

    [Fact]
    public async Task A_feed_on_a_loopback_address_is_refused_at_connect_time_when_private_networks_are_not_allowed()
    {
        var feed = ServeFile("sample.rss.xml", "application/rss+xml");
        await using var app = App(allowPrivateNetworks: false, [feed.Url]);

        var run = await app.Host.Services.GetRequiredService<FeedIngestionService>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (run.SucceededFeeds, run.FailedFeeds, run.Stored));
        Assert.Empty(feed.Requests);
    }

    [Fact]
    public async Task A_feed_that_redirects_to_a_private_address_is_refused_at_that_hop()
    {
        // 127.0.0.1 stands for a public host (the policy below allows it alone); 127.0.0.2 is the internal target.
        await using var inside = await WebhookReceiver.StartAsync("127.0.0.2");
        var target = inside.CreateEndpoint("internal");
        target.DefaultReply = new WebhookReply(200, File.ReadAllText(RepositoryPaths.Combine("seeds", "feeds", "sample.rss.xml")), Headers: new Dictionary<string, string> { ["Content-Type"] = "application/rss+xml" });
        var feed = web.Receiver.CreateEndpoint("feed");
        feed.DefaultReply = new WebhookReply(302, Headers: new Dictionary<string, string> { ["Location"] = target.Url.AbsoluteUri });
        await using var app = App(allowPrivateNetworks: false, [feed.Url], services => services.AddSingleton<IOutboundAddressPolicy>(new PublicAnd(IPAddress.Loopback)));

        var run = await app.Host.Services.GetRequiredService<FeedIngestionService>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (run.SucceededFeeds, run.FailedFeeds, run.Stored));
        Assert.Single(feed.Requests); // refused, not retried
        Assert.Empty(target.Requests);
        Assert.Equal(0, await app.CountAsync("Publications"));
    }

    private WebhookEndpoint ServeFile(string name, string contentType)
    {
        var endpoint = web.Receiver.CreateEndpoint(Path.GetFileNameWithoutExtension(name).Replace('.', '-'));
        endpoint.DefaultReply = new WebhookReply(
            200,
            File.ReadAllText(RepositoryPaths.Combine("seeds", "feeds", name)),
            Headers: new Dictionary<string, string> { ["Content-Type"] = contentType });
        return endpoint;
    }

    private PublicationsApp App(params Uri[] feeds) => App(allowPrivateNetworks: true, feeds);

    private PublicationsApp App(bool allowPrivateNetworks, Uri[] feeds, Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
            ["Feeds:Timeout"] = "00:00:10",
            ["Feeds:RetryCount"] = "1",
            ["Feeds:RetryDelay"] = "00:00:00.050",
        };
        for (var i = 0; i < feeds.Length; i++)
        {
            settings[$"Feeds:Sources:{i}:Url"] = feeds[i].AbsoluteUri;
            settings[$"Feeds:Sources:{i}:Name"] = feeds[i].Segments[1].TrimEnd('/');
        }

        return PublicationsApp.Create(azurite, bus, settings, configure: configure);
    }

    /// <summary>Public addresses, plus one that plays the part of a public host in these tests.</summary>
    private sealed class PublicAnd(IPAddress standIn) : IOutboundAddressPolicy
    {
        public bool Allows(IPAddress address) => address.Equals(standIn) || NetworkAddressPolicy.IsPublic(address);
    }
}
