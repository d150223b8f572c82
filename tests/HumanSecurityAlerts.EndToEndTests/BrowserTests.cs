using System.Net;
using HumanSecurityAlerts.Testing.Email;
using Microsoft.Playwright;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>A reader subscribes in French in a real (headless Debian) Chromium, confirms from the email, and is notified of a release.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class BrowserTests(LocalHostFixture host)
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_reader_subscribes_in_French_confirms_and_receives_the_release()
    {
        var reader = SmtpCaptureFixture.NewRecipient("lectrice");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "api/subscribe?lang=fr").ToString());
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel("Adresse électronique").FillAsync(reader);
        await page.GetByLabel("Protection des civils").CheckAsync();
        await page.GetByLabel("Protection des biens culturels").CheckAsync();
        await page.GetByLabel("Immédiatement").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "M’abonner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Consultez votre messagerie");

        var confirmation = (await host.Smtp.WaitForAsync(reader, 1, MailTimeout)).Single();
        Assert.Contains("Confirmez", confirmation.Subject, StringComparison.Ordinal);
        var link = EmailConfirmation.Link(confirmation).AbsoluteUri;
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Confirmez votre abonnement");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon abonnement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Abonnement confirmé");

        using var released = await SeedRelease.PostAsync(host, json => json.Replace("news_181779", $"news_181779_{Guid.NewGuid():N}", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);

        var mails = await host.Smtp.WaitForAsync(reader, 2, MailTimeout);
        var notification = mails[^1];
        Assert.Contains("sécurité humaine", notification.Subject + notification.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(notification.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", notification.Header("List-Unsubscribe-Post"));
    }
}
