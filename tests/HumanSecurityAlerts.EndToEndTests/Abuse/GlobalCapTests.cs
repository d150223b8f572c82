using System.Net;
using HumanSecurityAlerts.Testing.Email;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

public sealed class GlobalCapTests(GlobalCapHostFixture host) : IClassFixture<GlobalCapHostFixture>
{
    [Fact]
    public async Task Many_clients_together_cannot_pass_the_service_wide_cap_on_confirmation_mails()
    {
        var addresses = Enumerable.Range(0, 40).Select(i => SmtpCaptureFixture.NewRecipient("spread" + i)).ToList();

        var clients = addresses.Select(_ => Burst.NewClient(host.BaseAddress)).ToList();
        var responses = await Burst.PostJsonAsync("api/subscriptions", addresses.Select((a, i) => ((object)new { channel = "email", email = a, pillars = new[] { "children-and-armed-conflict" } }, clients[i])).ToList());
        clients.ForEach(c => c.Dispose());

        Assert.Equal(GlobalCapHostFixture.MailsPerMinute, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.InRange(r.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(GlobalCapHostFixture.MailsPerMinute, addresses.Sum(a => host.Smtp.To(a).Count));
    }
}
