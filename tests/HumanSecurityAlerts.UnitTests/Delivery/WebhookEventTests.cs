using System.Text.Json;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Delivery;

/// <summary>The webhook event body: per-subscriber fields around the publication's part, which is encoded once.</summary>
public sealed class WebhookEventTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly DeliveryContent content;

    public WebhookEventTests()
    {
        var site = Options.Create(new SiteOptions { BaseUrl = new Uri("https://alerts.example.org") });
        content = new DeliveryContent(new SubscriptionLinks(site), site);
    }

    [Fact]
    public async Task Concurrent_events_of_one_publication_each_carry_their_own_subscriber_and_the_same_publication()
    {
        var publication = Publication("pub-1", "Shelling of the market \u0007in <Kharkiv> & \"beyond\"");
        var targets = Enumerable.Range(0, 200).Select(i => Target($"w{i:D3}", i % 2 == 0 ? Language.En : Language.Fr, $"token {i}/é")).ToList();

        var bodies = await Task.WhenAll(targets.Select(t => Task.Run(() => (Target: t, Body: content.WebhookEvent(publication, t, ["protection-of-civilians"], "d-" + t.SubscriberId, At)))));

        foreach (var (target, body) in bodies)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            Assert.Equal(DeliveryContent.ReleasedEventType, root.GetProperty("type").GetString());
            var data = root.GetProperty("data");
            Assert.Equal("d-" + target.SubscriberId, data.GetProperty("deliveryId").GetString());
            Assert.Equal(target.Language.Code, data.GetProperty("language").GetString());
            var pillar = Assert.Single(data.GetProperty("matchedPillars").EnumerateArray());
            Assert.Equal(target.Language == Language.Fr ? "Protection des civils" : "Protection of civilians", pillar.GetProperty("name").GetString());
            var published = data.GetProperty("publication");
            Assert.Equal("pub-1", published.GetProperty("id").GetString());
            Assert.Equal("Shelling of the market in <Kharkiv> & \"beyond\"", published.GetProperty("title").GetString());
            Assert.Equal(["protection-of-civilians"], published.GetProperty("pillars").EnumerateArray().Select(p => p.GetString()));
            var links = data.GetProperty("links");
            Assert.Equal("https://alerts.example.org/api/publications/pub-1", links.GetProperty("publication").GetString());
            Assert.Equal("https://alerts.example.org/api/subscriptions/manage/" + Uri.EscapeDataString(target.ManageToken), links.GetProperty("manage").GetString());
            Assert.Equal("https://alerts.example.org/api/subscriptions/unsubscribe/" + Uri.EscapeDataString(target.ManageToken), links.GetProperty("unsubscribe").GetString());
        }
    }

    [Fact]
    public void Another_publication_gets_its_own_part_and_a_shorter_event_after_a_longer_one_has_no_leftover_bytes()
    {
        var target = Target("w1", Language.En, "t");
        var longer = content.WebhookEvent(Publication("pub-long", new string('x', 5000)), target, ["protection-of-civilians"], "d-long", At);
        var shorter = content.WebhookEvent(Publication("pub-short", "Short"), target, ["protection-of-civilians"], "d-short", At);

        using var json = JsonDocument.Parse(shorter);
        var published = json.RootElement.GetProperty("data").GetProperty("publication");
        Assert.Equal("pub-short", published.GetProperty("id").GetString());
        Assert.Equal("Short", published.GetProperty("title").GetString());
        Assert.True(shorter.Length < longer.Length);
    }

    private static Publication Publication(string id, string title) => new()
    {
        Id = id,
        Url = new Uri("https://example.org/reports/" + id),
        Title = title,
        Summary = "Summary of " + id,
        Language = "en",
        Source = "admin",
        PublishedAt = At,
        IngestedAt = At,
        Pillars = ["protection-of-civilians"],
    };

    private static DeliveryTarget Target(string id, Language language, string manageToken) => new(
        id, SubscriptionChannel.Webhook, language, SubscriptionFrequency.Immediate, ["protection-of-civilians"],
        "https://hooks.example.org/in", manageToken, ["whsec_" + Convert.ToBase64String(new byte[32])]);
}
