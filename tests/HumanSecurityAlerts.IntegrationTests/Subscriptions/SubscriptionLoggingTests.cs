using System.Web;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

public sealed class SubscriptionLoggingTests(AzuriteFixture azurite, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    [Fact]
    public async Task No_log_line_contains_an_email_address_a_token_or_a_secret()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var address = SmtpCaptureFixture.NewRecipient("logged");
        var request = new { channel = "email", email = address, pillars = new[] { PillarCatalog.ProtectionOfCivilians } };

        await app.SubscribeAsync(request);
        var mail = Assert.Single(await smtp.Server.WaitForAsync(address, 1, TimeSpan.FromSeconds(10)));
        var confirm = SubscriptionApp.ConfirmLink(mail);
        await app.ConfirmAsync(confirm);
        await app.SubscribeAsync(request); // throttled
        app.Time.Advance(TimeSpan.FromHours(1));
        await app.SubscribeAsync(request); // reminder
        var unsubscribe = SubscriptionApp.UnsubscribeLink(mail);
        await app.PostAsync(SubscriptionApp.ManageLink(unsubscribe), "pillars=protection-of-civilians&frequency=daily");
        await app.PostAsync(unsubscribe, "List-Unsubscribe=One-Click");

        var failing = SmtpCaptureFixture.NewRecipient("failing");
        smtp.Server.ReplyTo(failing, 550);
        await app.SubscribeAsync(new { channel = "email", email = failing, pillars = new[] { PillarCatalog.ProtectionOfCivilians } });

        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Responder = SubscriptionApp.Echo();
        var created = await app.SubscribeAsync(new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = new[] { PillarCatalog.ProtectionOfCivilians } });
        var manage = created.Json.GetProperty("manageUrl").GetString()!;
        var rotated = await app.PostAsync(new Uri(manage + "/rotate-secret"), null);

        var secrets = new[]
        {
            address,
            failing,
            HttpUtility.ParseQueryString(confirm.Query)["token"]!,
            unsubscribe.Segments[^1],
            manage[(manage.LastIndexOf('/') + 1)..],
            created.Json.GetProperty("secret").GetString()!,
            rotated.Json.GetProperty("secret").GetString()!,
        };
        var lines = app.Logs.Lines;
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("l***@example.org", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
