using HumanSecurityAlerts.Testing.Email;
using MailKit.Net.Smtp;
using MimeKit;

namespace HumanSecurityAlerts.IntegrationTests.Fixtures;

public sealed class SmtpCaptureServerTests(SmtpCaptureFixture smtp) : IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task Captures_messages_sent_over_one_connection_and_replays_scripted_errors()
    {
        var recipient = SmtpCaptureFixture.NewRecipient();
        smtp.Server.ReplyTo(recipient, 451);
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Server.Host, smtp.Server.Port, MailKit.Security.SecureSocketOptions.None);

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message(recipient, "first")));
        await client.SendAsync(Message(recipient, "second"));
        await client.SendAsync(Message(recipient, "third"));
        await client.DisconnectAsync(quit: true);

        Assert.Equal(451, (int)refused.StatusCode);
        var received = smtp.Server.To(recipient);
        Assert.Equal(["second", "third"], received.Select(m => m.Subject));
        Assert.Single(received.Select(m => m.SessionId).Distinct());
        Assert.Equal("Bonjour", received[0].Text.Trim());
    }

    private static MimeMessage Message(string to, string subject) => new(
        [MailboxAddress.Parse("alerts@example.org")],
        [MailboxAddress.Parse(to)],
        subject,
        new TextPart("plain") { Text = "Bonjour" });
}
