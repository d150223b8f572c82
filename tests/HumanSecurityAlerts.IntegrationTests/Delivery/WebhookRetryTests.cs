using System.Text.Json.Nodes;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

/// <summary>Transient and permanent webhook failures: backoff through scheduled messages, dead letters, replay, disabling.</summary>
public sealed class WebhookRetryTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_receiver_failing_twice_with_503_gets_the_event_again_after_each_delay_and_the_ledger_shows_3_attempts()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:01, 00:00:02, 00:00:02" });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(WebhookReply.Status(503), WebhookReply.Status(503));
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ChildrenAndArmedConflict]);
        var id = await app.ReleaseAsync("Children in armed conflict", PillarCatalog.ChildrenAndArmedConflict);

        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 3), Wait);
        await app.DrainAsync();

        var requests = endpoint.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Header("webhook-id")).Distinct());
        Assert.All(requests, r => Assert.True(DeliveryApp.HasValidSignature(r, hook.Secret!)));
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(0.9), "first retry after the first delay (1 s)");
        Assert.True(requests[2].ReceivedAt - requests[1].ReceivedAt >= TimeSpan.FromSeconds(1.9), "second retry after the second delay (2 s)");
        var row = Assert.Single(await app.LedgerAsync(id));
        Assert.Equal((DeliveryStatus.Delivered, 3, 200), (row.Status, row.Attempts, row.LastStatusCode));
    }

    [Fact]
    public async Task A_retried_event_differs_from_the_first_try_only_in_the_fields_the_README_names()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:01.100" });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(WebhookReply.Status(503));
        await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ChildrenAndArmedConflict]);
        await app.ReleaseAsync("Children in armed conflict", PillarCatalog.ChildrenAndArmedConflict);

        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 2), Wait);

        var requests = endpoint.Requests;
        Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
        Assert.All(requests, r => Assert.Equal(
            long.Parse(r.Header("webhook-timestamp")!, System.Globalization.CultureInfo.InvariantCulture),
            JsonNode.Parse(r.BodyText)!["timestamp"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds()));
        var bodies = requests.Select(r => JsonNode.Parse(r.BodyText)!.AsObject()).ToList();
        Assert.NotEqual(bodies[0]["timestamp"]!.ToJsonString(), bodies[1]["timestamp"]!.ToJsonString());
        Assert.Equal(requests[0].Header("webhook-id"), bodies[1]["data"]!["deliveryId"]!.GetValue<string>());

        // Without the fields the README says may change, the two attempts carry the same event.
        foreach (var body in bodies)
        {
            body.Remove("timestamp");
            var data = body["data"]!.AsObject();
            data.Remove("language");
            data.Remove("matchedPillars");
            data["links"]!.AsObject().Remove("manage");
            data["links"]!.AsObject().Remove("unsubscribe");
        }

        Assert.Equal(bodies[0].ToJsonString(), bodies[1].ToJsonString());
    }

    [Fact]
    public async Task Retry_After_is_honoured_when_longer_than_the_schedule()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:00.200" });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(new WebhookReply(429, Headers: new Dictionary<string, string> { ["Retry-After"] = "2" }));
        await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ChildrenAndArmedConflict]);
        await app.ReleaseAsync("Slow down", PillarCatalog.ChildrenAndArmedConflict);

        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 2), Wait);

        Assert.True(endpoint.Requests[1].ReceivedAt - endpoint.Requests[0].ReceivedAt >= TimeSpan.FromSeconds(1.9));
    }

    [Fact]
    public async Task A_410_is_not_retried_and_goes_to_the_dead_letter_queue_with_its_reason()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.DefaultReply = WebhookReply.Status(410);
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ConflictRelatedSexualViolence]);
        var id = await app.ReleaseAsync("Survivors first", PillarCatalog.ConflictRelatedSexualViolence);

        await app.DrainAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await app.DrainAsync();

        Assert.Single(endpoint.Requests);
        var row = Assert.Single(await app.LedgerAsync(id));
        Assert.Equal((DeliveryStatus.Failed, 1, 410), (row.Status, row.Attempts, row.LastStatusCode));
        var dead = await app.AdminAsync("GET", "/api/manage/dead-letters");
        Assert.Equal(200, dead.StatusCode);
        var item = Assert.Single(dead.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(DeliveryService.PermanentFailure, item.GetProperty("reason").GetString());
        Assert.Contains("410", item.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(hook.Id, item.GetProperty("subscriberId").GetString());

        // Peeking leaves it there.
        Assert.Single((await app.AdminAsync("GET", "/api/manage/dead-letters")).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_in_the_dead_letter_queue_and_replay_sends_it_again()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:00.300, 00:00:00.300" });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.DefaultReply = WebhookReply.Status(500);
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.WomenPeaceAndSecurity]);
        var id = await app.ReleaseAsync("Women, peace and security", PillarCatalog.WomenPeaceAndSecurity);

        await app.DrainUntilAsync(async () => (await app.LedgerAsync(id)).Any(r => r.Status == DeliveryStatus.Failed), Wait);
        Assert.Equal(3, endpoint.Requests.Count);
        var dead = Assert.Single((await app.AdminAsync("GET", "/api/manage/dead-letters")).Json.GetProperty("items").EnumerateArray());
        Assert.Equal(DeliveryService.RetriesExhausted, dead.GetProperty("reason").GetString());
        Assert.Contains("HTTP 500", dead.GetProperty("description").GetString(), StringComparison.Ordinal);
        var deliveryId = dead.GetProperty("deliveryId").GetString()!;
        Assert.Equal(DeliveryId.Create(id, hook.Id), deliveryId);

        var failures = (await app.AdminAsync("GET", "/api/manage/deliveries?publicationId=" + id)).Json;
        Assert.Equal(1, failures.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.Equal("HTTP 500", Assert.Single(failures.GetProperty("failures").EnumerateArray()).GetProperty("lastError").GetString());

        endpoint.DefaultReply = WebhookReply.Ok;
        var replay = await app.AdminAsync("POST", "/api/manage/dead-letters/replay", $$"""{"deliveryIds":["{{deliveryId}}"]}""");
        Assert.Equal(200, replay.StatusCode);
        Assert.Single(replay.Json.GetProperty("replayed").EnumerateArray());
        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 4), Wait);
        await app.DrainAsync();

        Assert.Equal(4, endpoint.Requests.Count);
        Assert.Equal(deliveryId, endpoint.Requests[3].Header("webhook-id"));
        var row = Assert.Single(await app.LedgerAsync(id));
        Assert.Equal((DeliveryStatus.Delivered, 4), (row.Status, row.Attempts));
        Assert.Empty((await app.AdminAsync("GET", "/api/manage/dead-letters")).Json.GetProperty("items").EnumerateArray());

        // Replaying again finds nothing and sends nothing.
        var again = await app.AdminAsync("POST", "/api/manage/dead-letters/replay", $$"""{"deliveryIds":["{{deliveryId}}"]}""");
        Assert.Empty(again.Json.GetProperty("replayed").EnumerateArray());
        Assert.Equal(deliveryId, Assert.Single(again.Json.GetProperty("notFound").EnumerateArray()).GetString());
        Assert.Equal(400, (await app.AdminAsync("POST", "/api/manage/dead-letters/replay", "{}")).StatusCode);
    }

    [Fact]
    public async Task An_endpoint_failing_for_longer_than_the_limit_is_disabled_and_its_manage_page_says_why()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?>
        {
            ["Delivery:RetrySchedule"] = "00:00:01, 00:00:01, 00:00:01",
            ["Delivery:DisableWebhookAfter"] = "00:00:01.500",
        });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.DefaultReply = WebhookReply.Status(503);
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ProtectionOfCivilians]);
        var id = await app.ReleaseAsync("Protection of civilians", PillarCatalog.ProtectionOfCivilians);

        await app.DrainUntilAsync(async () => (await app.LedgerAsync(id)).Any(r => r.Status == DeliveryStatus.Failed), Wait);

        var subscriber = await app.GetSubscriberAsync(hook.Id);
        Assert.Equal(SubscriberStatus.Pending, subscriber!.Status);
        Assert.NotNull(subscriber.DisabledAt);
        Assert.Contains("HTTP 503", subscriber.DisabledReason, StringComparison.Ordinal);
        var dead = Assert.Single((await app.AdminAsync("GET", "/api/manage/dead-letters")).Json.GetProperty("items").EnumerateArray());
        Assert.Equal(DeliveryService.EndpointDisabled, dead.GetProperty("reason").GetString());

        var page = app.Host.Services.GetRequiredService<SubscriptionPages>().Manage(subscriber, hook.ManageToken, Language.En);
        Assert.Contains("HTTP 503", page, StringComparison.Ordinal);

        // Disabled: the next publication does not go to it.
        var before = endpoint.Requests.Count;
        await app.ReleaseAsync("Another one", PillarCatalog.ProtectionOfCivilians);
        await app.DrainAsync();
        Assert.Equal(before, endpoint.Requests.Count);
    }
}
