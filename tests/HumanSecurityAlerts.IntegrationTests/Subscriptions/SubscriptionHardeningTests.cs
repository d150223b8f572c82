using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

/// <summary>Mail bombing, stale links and leftovers, over Azurite, the SMTP capture server and a webhook receiver.</summary>
public sealed class SubscriptionHardeningTests(AzuriteFixture azurite, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Concurrent_subscribes_of_one_address_send_one_mail_and_create_one_manage_token()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.ProtectionOfCivilians } }))));

        Assert.All(responses, r => Assert.Equal(202, r.StatusCode));
        Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(smtp.Server.To(address));
        Assert.Equal(3, await app.CountStoredEntitiesAsync("Subscribers", "SubscriberTokens")); // the subscriber, its manage and confirm tokens
    }

    [Fact]
    public async Task The_unicode_and_punycode_spellings_of_one_mailbox_are_one_subscriber()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var local = "lecteur" + Guid.NewGuid().ToString("N")[..8];

        var unicode = await app.SubscribeAsync(new { channel = "email", email = local + "@exämple.org", pillars = new[] { PillarCatalog.ProtectionOfCivilians } });
        var punycode = await app.SubscribeAsync(new { channel = "email", email = local + "@XN--EXMPLE-CUA.org", pillars = new[] { PillarCatalog.ProtectionOfCivilians } });

        Assert.Equal([202, 202], new[] { unicode.StatusCode, punycode.StatusCode });
        Assert.Equal(1, await app.CountStoredEntitiesAsync("Subscribers"));

        // MailKit writes the domain in Unicode when the server offers SMTPUTF8, which the capture server does not decode: match the unique local part.
        int Sent() => smtp.Server.Messages.Count(m => m.Recipients.Any(r => r.StartsWith(local + "@", StringComparison.Ordinal)));
        var deadline = DateTime.UtcNow + Wait;
        while (Sent() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Sent());
    }

    [Fact]
    public async Task Replacing_the_manage_link_kills_the_old_one_at_once()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient();
        await app.SubscribeAsync(new { channel = "email", email = address, pillars = new[] { PillarCatalog.ConflictRelatedSexualViolence } });
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, Wait));
        await app.ConfirmAsync(SubscriptionApp.ConfirmLink(mail));
        var oldManage = SubscriptionApp.ManageLink(SubscriptionApp.UnsubscribeLink(mail));

        var page = await app.GetAsync(oldManage);
        Assert.Contains("rotate-link", page.Body, StringComparison.Ordinal);
        var rotated = await app.PostAsync(new Uri(oldManage + "/rotate-link"), null);

        Assert.Equal(200, rotated.StatusCode);
        var newManage = new Uri(System.Text.RegularExpressions.Regex.Match(rotated.Body, @"http://localhost:7071/api/subscriptions/manage/[A-Za-z0-9_\-]{43}").Value);
        Assert.NotEqual(oldManage, newManage);
        Assert.Equal(404, (await app.GetAsync(oldManage)).StatusCode);
        Assert.Equal(404, (await app.PostAsync(SubscriptionApp.UnsubscribeLink(mail), "List-Unsubscribe=One-Click")).StatusCode);
        Assert.Equal(200, (await app.GetAsync(newManage)).StatusCode);
        var target = Assert.Single(await app.ActiveAsync(PillarCatalog.ConflictRelatedSexualViolence));
        Assert.Equal(newManage.Segments[^1], target.ManageToken); // what alerts carry from now on
    }

    [Fact]
    public async Task Housekeeping_deletes_never_confirmed_and_never_verified_subscribers_and_expired_tokens_but_keeps_the_active()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var housekeeping = app.Host.Services.GetRequiredService<SubscriptionHousekeeping>();

        var kept = SmtpCaptureFixture.NewRecipient("kept");
        await app.SubscribeAsync(new { channel = "email", email = kept, pillars = new[] { PillarCatalog.WomenPeaceAndSecurity } });
        await app.ConfirmAsync(SubscriptionApp.ConfirmLink(Assert.Single(await smtp.Server.WaitForAsync(kept, 1, Wait))));
        var abandoned = SmtpCaptureFixture.NewRecipient("abandoned");
        await app.SubscribeAsync(new { channel = "email", email = abandoned, pillars = new[] { PillarCatalog.WomenPeaceAndSecurity } });
        var abandonedMail = Assert.Single(await smtp.Server.WaitForAsync(abandoned, 1, Wait));
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Responder = _ => WebhookReply.Status(500);
        var webhook = await app.SubscribeAsync(new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = new[] { PillarCatalog.WomenPeaceAndSecurity } });
        var webhookManage = new Uri(webhook.Json.GetProperty("manageUrl").GetString()!);
        var before = await app.CountStoredEntitiesAsync("Subscribers", "SubscriberTokens");

        Assert.Equal(new HousekeepingReport(0, 0, 0), await housekeeping.RunAsync(CancellationToken.None));

        app.Time.Advance(TimeSpan.FromDays(8));
        var report = await housekeeping.RunAsync(CancellationToken.None);

        // Two subscribers (pending email, unverified webhook), two expired confirmation tokens (one used, one not),
        // three ended windows (two addresses, the service-wide mail count).
        Assert.Equal(new HousekeepingReport(2, 2, 3), report);
        Assert.Equal(8, before);
        Assert.Equal(2, await app.CountStoredEntitiesAsync("Subscribers", "SubscriberTokens")); // the active subscriber and its manage token
        Assert.Equal(404, (await app.GetAsync(webhookManage)).StatusCode);
        Assert.Equal(404, (await app.GetAsync(SubscriptionApp.ManageLink(SubscriptionApp.UnsubscribeLink(abandonedMail)))).StatusCode);
        Assert.Single(await app.ActiveAsync(PillarCatalog.WomenPeaceAndSecurity));
    }
}
