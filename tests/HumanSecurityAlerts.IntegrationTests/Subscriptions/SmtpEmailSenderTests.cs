using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

public sealed class SmtpEmailSenderTests(AzuriteFixture azurite, SmtpCaptureFixture smtp) : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task Messages_share_one_connection_and_failures_say_whether_they_are_transient()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var sender = app.Host.Services.GetRequiredService<IEmailSender>();
        var ok = SmtpCaptureFixture.NewRecipient();
        var busy = SmtpCaptureFixture.NewRecipient("busy");
        var gone = SmtpCaptureFixture.NewRecipient("gone");
        smtp.Server.ReplyTo(busy, 451);
        smtp.Server.ReplyTo(gone, 550);

        await sender.SendAsync(Message(ok, "one"), CancellationToken.None);
        var transient = await Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(Message(busy, "busy"), CancellationToken.None));
        var permanent = await Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(Message(gone, "gone"), CancellationToken.None));
        await sender.SendAsync(Message(ok, "two"), CancellationToken.None);
        await sender.SendAsync(Message(ok, "three"), CancellationToken.None);

        Assert.True(transient.IsTransient);
        Assert.Equal(451, transient.SmtpStatusCode);
        Assert.False(permanent.IsTransient);
        Assert.Equal(550, permanent.SmtpStatusCode);
        Assert.DoesNotContain(gone, permanent.ToString(), StringComparison.OrdinalIgnoreCase);
        var received = await smtp.Server.WaitForAsync(ok, 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["one", "two", "three"], received.Select(m => m.Subject));
        Assert.Single(received.Select(m => m.SessionId).Distinct());
        Assert.Equal("<https://example.org/u>", received[0].Header("List-Unsubscribe"));
        Assert.Equal("Bonjour", received[0].Text.Trim());
        Assert.Contains("<p>Bonjour</p>", received[0].Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_messages_spread_over_the_configured_connections_and_no_more()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp, extra: new Dictionary<string, string?> { ["Smtp:Connections"] = "3" });
        var sender = app.Host.Services.GetRequiredService<IEmailSender>();
        var recipient = SmtpCaptureFixture.NewRecipient("pool");

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => sender.SendAsync(Message(recipient, "m" + i), CancellationToken.None)));

        var received = await smtp.Server.WaitForAsync(recipient, 60, TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => "m" + i).Order(), received.Select(m => m.Subject).Order());
        Assert.Equal(3, received.Select(m => m.SessionId).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_failure()
    {
        var port = HumanSecurityAlerts.LocalComponents.FreePort.Next();
        await using var app = SubscriptionApp.Create(azurite, smtp, extra: new Dictionary<string, string?> { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var sender = app.Host.Services.GetRequiredService<IEmailSender>();

        var error = await Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(Message(SmtpCaptureFixture.NewRecipient(), "x"), CancellationToken.None));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Credentials_are_not_sent_when_the_server_offers_no_starttls()
    {
        // Auto falls back to plain text when STARTTLS is not offered (as a man in the middle would arrange).
        await using var app = SubscriptionApp.Create(azurite, smtp, extra: new Dictionary<string, string?>
        {
            ["Smtp:Security"] = "Auto",
            ["Smtp:UserName"] = "alerts",
            ["Smtp:Password"] = "secret-password",
        });
        var sender = app.Host.Services.GetRequiredService<IEmailSender>();
        var recipient = SmtpCaptureFixture.NewRecipient();

        var error = await Assert.ThrowsAsync<EmailSendException>(() => sender.SendAsync(Message(recipient, "x"), CancellationToken.None));

        Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Server.To(recipient));
    }

    [Fact]
    public async Task Headers_name_the_senders_domain_the_list_the_language_and_say_the_mail_is_automatic()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp, extra: new Dictionary<string, string?>
        {
            ["Smtp:FromAddress"] = "alerts@alerts-sender.example",
            ["Smtp:FromName"] = "Human \"security\" alerts",
        });
        var sender = app.Host.Services.GetRequiredService<IEmailSender>();
        var recipient = SmtpCaptureFixture.NewRecipient();

        await sender.SendAsync(Message(recipient, "fr"), CancellationToken.None);
        await sender.SendAsync(Message(recipient, "en") with { Language = "en" }, CancellationToken.None);

        var received = await smtp.Server.WaitForAsync(recipient, 2, TimeSpan.FromSeconds(10));
        Assert.Equal(["fr", "en"], received.Select(m => m.Message.Body?.Headers["Content-Language"]));
        Assert.All(received, m =>
        {
            Assert.EndsWith("@alerts-sender.example", m.Message.MessageId, StringComparison.Ordinal);
            Assert.DoesNotContain(Environment.MachineName, m.Message.MessageId, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("auto-generated", m.Header("Auto-Submitted"));
            Assert.Equal("\"Human \\\"security\\\" alerts\" <alerts.alerts-sender.example>", m.Header("List-Id"));
        });
        Assert.NotEqual(received[0].Message.MessageId, received[1].Message.MessageId);
    }

    private static EmailMessage Message(string to, string subject) => new(to, subject, "Bonjour", "<p>Bonjour</p>", new Dictionary<string, string>
    {
        ["List-Unsubscribe"] = "<https://example.org/u>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    })
    {
        Language = "fr",
    };
}
