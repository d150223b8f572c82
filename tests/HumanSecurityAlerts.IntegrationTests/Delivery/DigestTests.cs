using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

public sealed class DigestTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task A_daily_digest_groups_three_publications_into_one_email_and_an_empty_day_sends_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = DeliveryApp.Create(azurite, bus, smtp, configure: s => s.AddSingleton<TimeProvider>(time));
        const string A = PillarCatalog.CulturalPropertyProtection;
        const string B = PillarCatalog.TraffickingInHumanBeings;
        var daily = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("daily"), [A, B], frequency: SubscriptionFrequency.Daily, language: Language.Fr);
        var weekly = await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("weekly"), [A], frequency: SubscriptionFrequency.Weekly);
        var titles = new[] { "Looted antiquities " + Guid.NewGuid().ToString("N")[..6], "Trafficking networks " + Guid.NewGuid().ToString("N")[..6], "Smuggled heritage and people " + Guid.NewGuid().ToString("N")[..6] };
        await app.ReleaseAsync(titles[0], A);
        await app.ReleaseAsync(titles[1], B);
        await app.ReleaseAsync(titles[2], A, B);
        await app.DrainAsync();
        Assert.Empty(smtp.Server.To(daily.Address));

        var digests = app.Host.Services.GetRequiredService<DigestService>();
        var run = await digests.RunAsync(SubscriptionFrequency.Daily, CancellationToken.None);

        Assert.Equal(1, run.Sent);
        var mail = Assert.Single(await smtp.Server.WaitForAsync(daily.Address, 1, TimeSpan.FromSeconds(10)));
        Assert.Contains("3", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Votre résumé quotidien", mail.Subject, StringComparison.Ordinal);
        foreach (var title in titles)
        {
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(mail.Text, System.Text.RegularExpressions.Regex.Escape("* " + title)));
        }

        Assert.Equal($"<https://alerts.example.test/api/subscriptions/unsubscribe/{daily.ManageToken}>", mail.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Empty(smtp.Server.To(weekly.Address));

        // Again the same day: nothing new, nothing sent. The next day, with nothing new: nothing sent.
        await digests.RunAsync(SubscriptionFrequency.Daily, CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        var empty = await digests.RunAsync(SubscriptionFrequency.Daily, CancellationToken.None);
        Assert.Equal(0, empty.Sent);
        await Task.Delay(300);
        Assert.Single(smtp.Server.To(daily.Address));

        // The weekly subscriber gets the two publications of its pillar.
        var week = await digests.RunAsync(SubscriptionFrequency.Weekly, CancellationToken.None);
        Assert.Equal(1, week.Sent);
        var weeklyMail = Assert.Single(await smtp.Server.WaitForAsync(weekly.Address, 1, TimeSpan.FromSeconds(10)));
        Assert.Contains(titles[0], weeklyMail.Text, StringComparison.Ordinal);
        Assert.Contains(titles[2], weeklyMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(titles[1], weeklyMail.Text, StringComparison.Ordinal);
    }
}
