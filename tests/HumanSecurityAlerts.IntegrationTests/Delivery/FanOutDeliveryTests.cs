using System.Text.Json;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Drains;
using HumanSecurityAlerts.IntegrationTests.Publications;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

/// <summary>Admin release → fan-out → deliveries queue → email and webhook, end to end over the real components.</summary>
public sealed class FanOutDeliveryTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_seed_release_reaches_every_matching_active_subscriber_exactly_once_and_nobody_else()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["FanOut:KickOnRelease"] = "true" });
        var seed = PublicationsApp.SeedRelease();
        var preview = app.Host.Services.GetRequiredService<PublicationReleaseService>()
            .Preview(JsonSerializer.Deserialize<ReleaseRequest>(seed, Web)!).Classification!;
        Assert.True(preview.Pillars.Count >= 2, "The seed article should carry at least two pillars.");
        var (first, second) = (preview.Pillars[0], preview.Pillars[1]);
        var other = PillarCatalog.All.Select(p => p.Id).First(p => !preview.Pillars.Contains(p));

        var english = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("en"), [first]);
        var french = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("fr"), [first, second], language: Language.Fr);
        var plenty = new List<TestSubscriber>();
        for (var i = 0; i < 5; i++)
        {
            plenty.Add(await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("many"), [second]));
        }

        var endpoint = webhooks.Receiver.CreateEndpoint();
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [second, first]);
        var otherPillar = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("other"), [other]);
        var pending = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("pending"), [first], SubscriberStatus.Pending);
        var unsubscribed = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("gone"), [first], SubscriberStatus.Unsubscribed);
        var daily = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("daily"), [first], frequency: SubscriptionFrequency.Daily);
        var otherHook = webhooks.Receiver.CreateEndpoint();
        await app.AddSubscriberAsync(otherHook.Url.AbsoluteUri, [other]);

        var response = await app.ReleaseAsync(seed);
        Assert.Equal(201, response.StatusCode);
        var publicationId = response.Json.GetProperty("id").GetString()!;

        // The release kicked the fan-out and delivery drains: no timer, no explicit drain.
        var englishMail = Assert.Single(await smtp.Server.WaitForAsync(english.Address, 1, Wait));
        var frenchMail = Assert.Single(await smtp.Server.WaitForAsync(french.Address, 1, Wait));
        foreach (var s in plenty)
        {
            await smtp.Server.WaitForAsync(s.Address, 1, Wait);
        }

        var request = Assert.Single(await endpoint.WaitForAsync(1, Wait));
        await app.Host.Services.GetRequiredService<DrainKick>().Current;

        // Running everything again (timers, a redelivery) notifies nobody twice.
        await app.DrainAsync();
        await Task.Delay(500);
        Assert.Single(smtp.Server.To(english.Address));
        Assert.Single(smtp.Server.To(french.Address));
        Assert.All(plenty, s => Assert.Single(smtp.Server.To(s.Address)));
        Assert.Single(endpoint.Requests);
        Assert.Empty(smtp.Server.To(otherPillar.Address));
        Assert.Empty(smtp.Server.To(pending.Address));
        Assert.Empty(smtp.Server.To(unsubscribed.Address));
        Assert.Empty(smtp.Server.To(daily.Address));
        Assert.Empty(otherHook.Requests);

        // Email: language, content, links, one-click unsubscribe.
        var title = response.Json.GetProperty("title").GetString()!;
        Assert.Contains(title, englishMail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[Human security alerts]", englishMail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[Alertes sécurité humaine]", frenchMail.Subject, StringComparison.Ordinal);
        Assert.Contains("https://www.nato.int/cps/fr/natohq/news_181779.htm", englishMail.Text, StringComparison.Ordinal);
        Assert.Contains("https://www.nato.int/cps/fr/natohq/news_181779.htm", englishMail.Html, StringComparison.Ordinal);
        Assert.Contains(response.Json.GetProperty("summary").GetString()![..40], frenchMail.Text, StringComparison.Ordinal);
        Assert.Equal($"<https://alerts.example.test/api/subscriptions/unsubscribe/{english.ManageToken}>", englishMail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", englishMail.Header("List-Unsubscribe-Post"));
        Assert.Contains($"https://alerts.example.test/api/subscriptions/manage/{english.ManageToken}", englishMail.Text, StringComparison.Ordinal);
        Assert.Contains(Name(first, "en"), englishMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Name(second, "en"), englishMail.Text, StringComparison.Ordinal);
        Assert.Contains(Name(first, "fr"), frenchMail.Text, StringComparison.Ordinal);
        Assert.Contains(Name(second, "fr"), frenchMail.Text, StringComparison.Ordinal);
        Assert.Contains("Gérer mon abonnement", frenchMail.Text, StringComparison.Ordinal);

        // Webhook: signed per Standard Webhooks with the subscriber's secret, webhook-id = the delivery id.
        Assert.True(DeliveryApp.HasValidSignature(request, hook.Secret!));
        Assert.False(DeliveryApp.HasValidSignature(request, Webhooks.WebhookSecret.Generate()));
        Assert.Equal(DeliveryId.Create(publicationId, hook.Id), request.Header("webhook-id"));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("publication.released", root.GetProperty("type").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(publicationId, data.GetProperty("publication").GetProperty("id").GetString());
        Assert.Equal(title, data.GetProperty("publication").GetProperty("title").GetString());
        Assert.Equal(new[] { first, second }.OrderBy(p => p), data.GetProperty("matchedPillars").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).OrderBy(p => p));
        Assert.Equal($"https://alerts.example.test/api/subscriptions/unsubscribe/{hook.ManageToken}", data.GetProperty("links").GetProperty("unsubscribe").GetString());

        // One SMTP connection carried every message of this app.
        var mine = new[] { english, french }.Concat(plenty).SelectMany(s => smtp.Server.To(s.Address)).ToList();
        Assert.Equal(7, mine.Count);
        Assert.Single(mine.Select(m => m.SessionId).Distinct());

        // The ledger: one delivered row per notified subscriber; the admin view agrees.
        var ledger = await app.LedgerAsync(publicationId);
        Assert.Equal(8, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((DeliveryStatus.Delivered, 1), (r.Status, r.Attempts)));
        var report = await app.AdminAsync("GET", "/api/manage/deliveries?publicationId=" + publicationId);
        Assert.Equal(200, report.StatusCode);
        Assert.Equal(8, report.Json.GetProperty("counts").GetProperty("delivered").GetInt32());
        Assert.Equal(8, report.Json.GetProperty("fanOut").GetProperty("queued").GetInt64());
        Assert.Equal(1, report.Json.GetProperty("fanOut").GetProperty("digests").GetInt64());

        // Logs name subscribers by id, never by address or token.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(english.Address, StringComparison.OrdinalIgnoreCase) || l.Contains(english.ManageToken, StringComparison.Ordinal) || l.Contains(hook.Secret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_subscriber_unsubscribed_after_the_fan_out_is_not_notified()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);
        var stays = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient(), [PillarCatalog.ProtectionOfCivilians]);
        var leaves = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient(), [PillarCatalog.ProtectionOfCivilians]);
        var id = await app.ReleaseAsync("Civilians in conflict", PillarCatalog.ProtectionOfCivilians);
        await app.Drains.DrainFanOutAsync(CancellationToken.None);

        await app.Host.Services.GetRequiredService<ISubscriberStore>().SaveAsync(leaves.Subscriber with { Status = SubscriberStatus.Unsubscribed }, CancellationToken.None);
        await app.DrainAsync();

        await smtp.Server.WaitForAsync(stays.Address, 1, Wait);
        Assert.Empty(smtp.Server.To(leaves.Address));
        var dropped = Assert.Single(await app.LedgerAsync(id), r => r.SubscriberId == leaves.Id);
        Assert.Equal(DeliveryStatus.Dropped, dropped.Status);
    }

    [Fact]
    public async Task Resending_a_publication_reaches_new_subscribers_only()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);
        var early = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient(), [PillarCatalog.CulturalPropertyProtection]);
        var id = await app.ReleaseAsync("Heritage at risk", PillarCatalog.CulturalPropertyProtection);
        await app.DrainAsync();
        await smtp.Server.WaitForAsync(early.Address, 1, Wait);

        var late = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient(), [PillarCatalog.CulturalPropertyProtection]);
        var resend = await app.AdminAsync("POST", $"/api/manage/publications/{id}/resend");
        Assert.Equal(202, resend.StatusCode);
        Assert.Equal("started", resend.Json.GetProperty("state").GetString());
        Assert.Equal(1, resend.Json.GetProperty("generation").GetInt32());
        await app.DrainAsync();

        await smtp.Server.WaitForAsync(late.Address, 1, Wait);
        Assert.Single(smtp.Server.To(early.Address));
        Assert.Equal(404, (await app.AdminAsync("POST", "/api/manage/publications/nope/resend")).StatusCode);
        Assert.Equal(401, (await app.AdminAsync("POST", $"/api/manage/publications/{id}/resend", headers: new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task An_smtp_4xx_is_retried_and_a_5xx_is_dead_lettered_at_once()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);
        var busy = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("busy"), [PillarCatalog.TraffickingInHumanBeings]);
        var unknown = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("unknown"), [PillarCatalog.TraffickingInHumanBeings]);
        smtp.Server.ReplyTo(busy.Address, 451);
        smtp.Server.ReplyTo(unknown.Address, 550);
        var id = await app.ReleaseAsync("Trafficking routes", PillarCatalog.TraffickingInHumanBeings);

        await app.DrainUntilAsync(async () => smtp.Server.To(busy.Address).Count == 1 && (await app.LedgerAsync(id)).Count(r => r.Status == DeliveryStatus.Delivered) == 1, Wait);

        var ledger = (await app.LedgerAsync(id)).ToDictionary(r => r.SubscriberId);
        Assert.Equal((DeliveryStatus.Delivered, 2), (ledger[busy.Id].Status, ledger[busy.Id].Attempts));
        Assert.Equal((DeliveryStatus.Failed, 1, 550), (ledger[unknown.Id].Status, ledger[unknown.Id].Attempts, ledger[unknown.Id].LastStatusCode));
        Assert.Empty(smtp.Server.To(unknown.Address));
        var dead = await app.AdminAsync("GET", "/api/manage/dead-letters");
        var item = Assert.Single(dead.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(unknown.Id, item.GetProperty("subscriberId").GetString());
        Assert.Equal(DeliveryService.PermanentFailure, item.GetProperty("reason").GetString());
    }

    private static string Name(string pillar, string language) => PillarCatalog.TryGet(pillar, out var p) && Language.TryParse(language, out var l) ? p.Name(l) : pillar;
}
