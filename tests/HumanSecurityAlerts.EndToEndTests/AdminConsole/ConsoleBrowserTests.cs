using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Playwright;

namespace HumanSecurityAlerts.EndToEndTests.AdminConsole;

/// <summary>An admin's round in the console, in headless Chromium through the local host, with real webhook subscribers.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ConsoleBrowserTests(LocalHostFixture host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>Written for this test: about civilian harm, nothing about cultural property.</summary>
    private const string Text = "Defence ministers discussed how operations can better protect civilians. The updated approach to civilian harm mitigation asks commanders to track civilian casualties and to learn from every incident.";

    [Fact]
    public async Task An_admin_previews_overrides_publishes_sees_deliveries_replays_a_dead_letter_and_signs_out()
    {
        // A host of its own, so these subscriptions do not use up the shared host's per-client limit.
        var (app, http) = await host.StartAnotherAsync(new Dictionary<string, string?>());
        await using (app)
        using (http)
        {
            await RunAsync(http);
        }
    }

    private async Task RunAsync(HttpClient http)
    {
        // Two webhooks on a pillar the classifier will not find: only the admin's override reaches them.
        var working = host.Webhooks.CreateEndpoint("console-ok");
        working.Responder = TourTests.EchoValidationCode;
        var failing = host.Webhooks.CreateEndpoint("console-gone");
        var gone = true;
        failing.Responder = r => gone && !IsValidation(r) ? WebhookReply.Status(410) : TourTests.EchoValidationCode(r);
        foreach (var endpoint in new[] { working, failing })
        {
            using var subscribed = await http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars = new[] { "cultural-property-protection" }, language = "en" });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(http.BaseAddress!, "api/console/publications?lang=en").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Admin key").FillAsync(host.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Publications");

        await page.GetByRole(AriaRole.Link, new() { Name = "New release" }).ClickAsync();
        var url = $"https://www.example.org/news/console-{Guid.NewGuid():N}";
        await page.GetByLabel("Title").FillAsync("Allies agree new steps to reduce civilian harm « 2026 »");
        await page.GetByLabel("URL of the publication").FillAsync(url);
        await page.GetByLabel("Language").SelectOptionAsync("en");
        await page.GetByLabel("Text (plain text or HTML)").FillAsync(Text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        // Scores against the threshold, and the evidence highlighted in context.
        await Assertions.Expect(page.Locator("#scores tr[data-pillar=protection-of-civilians]")).ToContainTextAsync("Over the threshold");
        await Assertions.Expect(page.Locator("#scores tr[data-pillar=cultural-property-protection]")).ToContainTextAsync("Under the threshold");
        var marks = page.Locator("section.evidence[data-pillar=protection-of-civilians] mark");
        Assert.True(await marks.CountAsync() >= 2);
        Assert.Contains("civilian", (await marks.AllInnerTextsAsync())[0], StringComparison.OrdinalIgnoreCase);
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Protection of civilians", Exact = true }).IsCheckedAsync());

        // The override: cultural property protection as well.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Cultural property protection", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Allies agree new steps to reduce civilian harm « 2026 »");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");
        await Assertions.Expect(page.Locator(".summary-list")).ToContainTextAsync("Cultural property protection");
        await Assertions.Expect(page.Locator(".summary-list")).ToContainTextAsync("set by an admin (override)");
        var publicationPage = page.Url;

        // One webhook delivered, the other dead-lettered (410 is not retried).
        await ReloadUntilAsync(page, async () => await Count(page, "delivered") == 1 && await page.Locator("#dead-letters tbody tr").CountAsync() == 1);
        Assert.Equal(1, await Count(page, "failed"));
        await Assertions.Expect(page.Locator("#dead-letters")).ToContainTextAsync("410");

        gone = false;
        await page.Locator("#dead-letters").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Replayed: 1.");
        await ReloadUntilAsync(page, async () => await Count(page, "delivered") == 2);
        Assert.Equal(0, await Count(page, "failed"));
        Assert.Equal(0, await page.Locator("#dead-letters").CountAsync());
        Assert.Equal(2, (await failing.WaitForAsync(3, Wait)).Count(r => !IsValidation(r)));

        // The same URL again: the preview says it exists and links to it.
        await page.GetByRole(AriaRole.Link, new() { Name = "New release" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Same again");
        await page.GetByLabel("URL of the publication").FillAsync(url);
        await page.GetByLabel("Text (plain text or HTML)").FillAsync(Text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(publicationPage.Split('?')[0], page.Url.Split('?')[0]);

        // In the list, newest first, with its counts.
        await page.GetByRole(AriaRole.Link, new() { Name = "Publications" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("Webhook: 2 delivered, 0 pending, 0 failed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Signed out");
        await page.GotoAsync(publicationPage);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    }

    private static async Task<int> Count(IPage page, string what) =>
        int.Parse(await page.Locator($"#deliveries tr[data-channel=webhook] td[data-count={what}]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ReloadUntilAsync(IPage page, Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the deliveries.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    private static bool IsValidation(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("type").GetString() == "subscription.validation";
    }
}
