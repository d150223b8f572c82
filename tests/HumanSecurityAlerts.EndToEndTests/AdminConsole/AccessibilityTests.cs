using System.Text.Json;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using Microsoft.Playwright;

namespace HumanSecurityAlerts.EndToEndTests.AdminConsole;

/// <summary>
/// axe-core (npm, pinned in package.json) in headless Chromium on every console page and the public pages, in English
/// and French, at 1280 and 390 pixels wide: no violations. A full-page screenshot of each is saved under the test
/// output's <c>screenshots</c> folder.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class AccessibilityTests(LocalHostFixture host)
{
    private static readonly int[] Widths = [1280, 390];

    private readonly List<string> violations = [];

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Every_console_and_public_page_has_no_axe_violations_at_desktop_and_phone_widths(string lang)
    {
        var (app, http) = await host.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["RateLimits:ClientPermits"] = "1000",
            ["Feeds:Sources:0:Url"] = "https://feeds.example.org/never-fetched.xml",
            ["Feeds:Sources:0:Name"] = "Example feed",
        });
        await using (app)
        using (http)
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Browser.LaunchAsync(playwright);

            // axe is injected as a script tag, which the pages' policy (rightly) refuses: bypassed for this check only.
            await using var context = await browser.NewContextAsync(new() { BypassCSP = true, ViewportSize = new() { Width = Widths[0], Height = 900 } });
            var page = await context.NewPageAsync();
            var at = (string relative) => new Uri(http.BaseAddress!, relative).ToString();

            await Visit(page, lang, "console-sign-in", at($"api/console/sign-in?lang={lang}"));
            await page.Locator("#key").FillAsync("wrong key");
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "console-sign-in-error");
            await page.Locator("#key").FillAsync(host.AdminKey);
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "console-publications");

            await Visit(page, lang, "console-new-release", at($"api/console/releases/new?lang={lang}"));
            await page.Locator("button[value=publish], button[value=preview]").First.ClickAsync();
            await Check(page, lang, "console-new-release-errors");
            await page.Locator("#title").FillAsync(lang == "fr" ? "Réduire les dommages causés aux civils" : "Reducing civilian harm");
            await page.Locator("#url").FillAsync($"https://www.example.org/a11y/{lang}/{Guid.NewGuid():N}");
            await page.Locator("#text").FillAsync(lang == "fr"
                ? "La nouvelle approche demande aux commandants de recenser les victimes civiles, afin d'éviter les pertes civiles. Des conseillers pour la protection des civils rejoindront les états-majors."
                : "The updated approach to civilian harm mitigation asks commanders to track civilian casualties and to learn from every incident.");
            await page.Locator("button[value=preview]").ClickAsync();
            await Check(page, lang, "console-release-preview");
            await page.Locator("button[value=publish]").ClickAsync();
            await Check(page, lang, "console-publication");
            await Visit(page, lang, "console-publications-filtered", at($"api/console/publications?lang={lang}&pillar=protection-of-civilians&language={lang}"));
            await Visit(page, lang, "console-feeds", at($"api/console/feeds?lang={lang}"));
            await page.Locator("nav form button").ClickAsync();
            await Check(page, lang, "console-signed-out");

            var reader = SmtpCaptureFixture.NewRecipient("a11y-" + lang);
            await Visit(page, lang, "public-subscribe", at($"api/subscribe?lang={lang}"));
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "public-subscribe-errors");
            await page.Locator("#email").FillAsync(reader);
            await page.Locator("#pillar-protection-of-civilians").CheckAsync();
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "public-email-sent");
            var confirmation = (await host.Smtp.WaitForAsync(reader, 1, TimeSpan.FromSeconds(30))).Single();
            await Visit(page, lang, "public-confirm", EmailConfirmation.Link(confirmation).AbsoluteUri);
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "public-confirmed");
            await page.Locator("a[href*='/subscriptions/manage/']").First.ClickAsync();
            await Check(page, lang, "public-manage");
            await page.Locator("a[href*='/subscriptions/unsubscribe/']").ClickAsync();
            await Check(page, lang, "public-unsubscribe");
            await Visit(page, lang, "public-invalid-link", at($"api/subscriptions/manage/not-a-token?lang={lang}"));

            // A webhook: its URL field shows only once Webhook is chosen (CSS :has()), and only "immediately" is offered.
            var hook = host.Webhooks.CreateEndpoint("a11y-" + lang);
            hook.Responder = TourTests.EchoValidationCode;
            await page.GotoAsync(at($"api/subscribe?lang={lang}"));
            Assert.False(await page.Locator("#url").IsVisibleAsync());
            await page.Locator("#channel-webhook").CheckAsync();
            Assert.True(await page.Locator("#url").IsVisibleAsync());
            Assert.False(await page.Locator("#email").IsVisibleAsync());
            Assert.False(await page.Locator("#frequency-daily").IsVisibleAsync());
            await Check(page, lang, "public-subscribe-webhook");
            await page.Locator("#url").FillAsync(hook.Url.AbsoluteUri);
            await page.Locator("#pillar-protection-of-civilians").CheckAsync();
            await page.Locator("form button[type=submit]").ClickAsync();
            await Check(page, lang, "public-webhook-created");
            await page.Locator("a[href*='/subscriptions/manage/']").ClickAsync();
            await Check(page, lang, "public-manage-webhook");
            Assert.Equal(0, await page.Locator("#frequency-daily").CountAsync());
            await page.Locator("form[action*='/verify'] button").ClickAsync();
            await Check(page, lang, "public-webhook-verified");
            Assert.Equal(lang == "fr" ? "Point de terminaison vérifié" : "Endpoint verified", await page.Locator("h1").InnerTextAsync());
            await page.Locator("a[href*='/subscriptions/manage/']").ClickAsync();
            await page.Locator("form[action*='/rotate-secret'] button").ClickAsync();
            await Check(page, lang, "public-secret-rotated");
            Assert.StartsWith("whsec_", await page.Locator("#secret").InputValueAsync(), StringComparison.Ordinal);
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private async Task Visit(IPage page, string lang, string name, string url)
    {
        await page.GotoAsync(url);
        await Check(page, lang, name);
    }

    /// <summary>Runs axe at each width, keeps the violations, and saves a screenshot per width.</summary>
    private async Task Check(IPage page, string lang, string name)
    {
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
        await page.AddScriptTagAsync(new() { Path = RepositoryPaths.Combine("node_modules", "axe-core", "axe.min.js") });
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            var found = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
            violations.AddRange(found.EnumerateArray().Select(v => $"{lang} {name} {width}px: {v.GetString()}"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder(), $"{name}-{lang}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(Widths[0], 900);
    }
}
