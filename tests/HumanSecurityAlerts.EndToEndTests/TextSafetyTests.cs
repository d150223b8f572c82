using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// Hostile text through the local host over real HTTP: control characters from a third-party feed and from an admin,
/// bidi controls aimed at mail subjects, invisible titles, and a row stored before text was cleaned on entry.
/// </summary>
public sealed class TextSafetyTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private const string Pillar = "protection-of-civilians";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_feed_item_whose_title_decodes_to_a_control_character_leaves_the_pillar_feed_well_formed()
    {
        var link = $"https://example.org/newsroom/{Guid.NewGuid():N}";
        var feed = host.Webhooks.CreateEndpoint("feed");

        // The title is text in XML ("&#1;" once parsed), which the HTML-to-text step decodes to U+0001.
        feed.DefaultReply = new WebhookReply(200, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Third party</title><link>https://example.org/</link><description>d</description>
              <item>
                <title>Protection of civilians &amp;#1;guidance</title>
                <link>{link}</link>
                <description>The new guidance on the protection of civilians asks commanders to avoid and mitigate civilian harm.</description>
              </item>
            </channel></rss>
            """, Headers: new Dictionary<string, string> { ["Content-Type"] = "application/rss+xml" });
        var (app, http) = await host.StartAnotherAsync(new Dictionary<string, string?>
        {
            ["Feeds:Sources:0:Url"] = feed.Url.AbsoluteUri,
            ["Feeds:Sources:0:Name"] = "third-party",
            ["FeedsSchedule"] = "* * * * * *",
        });
        await using (app)
        using (http)
        {
            var stored = await WaitForPublicationAsync(http, link);
            Assert.Equal("Protection of civilians guidance", stored.GetProperty("title").GetString());

            var titles = await AtomTitlesAsync(http);
            Assert.Contains("Protection of civilians guidance", titles);
        }
    }

    [Fact]
    public async Task A_row_stored_with_control_characters_still_renders_in_the_pillar_feed()
    {
        // Written straight to the store, as rows written before text was cleaned on entry were.
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddHumanSecurityAlerts(new ConfigurationBuilder().AddInMemoryCollection(host.AppSettings).Build())
            .BuildServiceProvider();
        var store = services.GetRequiredService<IPublicationStore>();
        var publication = new Publication
        {
            Id = "legacy-" + Guid.NewGuid().ToString("N"),
            Url = new Uri($"https://example.org/legacy/{Guid.NewGuid():N}"),
            Title = "Legacy\u0001 title\u001F",
            Summary = "Legacy\u0008 summary",
            Language = "en",
            Source = "admin",
            PublishedAt = DateTimeOffset.UtcNow,
            IngestedAt = DateTimeOffset.UtcNow,
            Pillars = [Pillar],
        };
        await store.AddAsync(publication, CancellationToken.None);
        await store.IndexAsync(publication, CancellationToken.None);

        var titles = await AtomTitlesAsync(host.Http);

        Assert.Contains("Legacy title", titles);
    }

    [Fact]
    public async Task A_release_with_control_and_bidi_characters_reaches_feed_mail_and_webhook_without_them()
    {
        var reader = SmtpCaptureFixture.NewRecipient("bidi");
        using (var subscribed = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = reader, pillars = new[] { "cultural-property-protection" }, language = "en", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        }

        var confirmation = Assert.Single(await host.Smtp.WaitForAsync(reader, 1, Timeout));
        using (var confirmed = await EmailConfirmation.ConfirmAsync(host.Http, confirmation))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var endpoint = host.Webhooks.CreateEndpoint();
        endpoint.Responder = EchoValidationCode;
        using (var registered = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars = new[] { "cultural-property-protection" }, language = "en", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // U+202E would show the end of the subject reversed ("…exe.pdf" read as "…fdp.exe"); U+0001 breaks XML.
        using (var released = await ReleaseAsync(new
        {
            title = "Heritage\u0001 sites report \u202Efdp.exe\u202C \u2066isolated\u2069",
            url = $"https://example.org/heritage/{Guid.NewGuid():N}",
            summary = "Damage\u0002 to museums",
            text = "Cultural property protection in armed conflict.",
            pillars = new[] { "cultural-property-protection" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        }

        const string Clean = "Heritage sites report fdp.exe isolated";
        var mail = (await host.Smtp.WaitForAsync(reader, 2, Timeout))[1];
        Assert.EndsWith(Clean, mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Subject, c => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'));
        Assert.DoesNotContain('\u0001', mail.Text);

        var delivered = (await endpoint.WaitForAsync(2, Timeout))[1];
        using (var payload = JsonDocument.Parse(delivered.Body))
        {
            var title = payload.RootElement.GetProperty("data").GetProperty("publication").GetProperty("title").GetString()!;
            Assert.DoesNotContain('\u0001', title);
        }

        Assert.Contains(await AtomTitlesAsync(host.Http, "cultural-property-protection"), t => t.StartsWith("Heritage sites report", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u00A0\u3000\u3164\u2800 ")]
    [InlineData("\u202E\u2066\u00AD\u0301")]
    public async Task A_title_made_only_of_invisible_characters_is_refused_naming_the_field(string title)
    {
        using var response = await ReleaseAsync(new { title, url = $"https://example.org/invisible/{Guid.NewGuid():N}", text = "Protection of civilians." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), "The problem details must name the title field.");
    }

    private static async Task<JsonElement> WaitForPublicationAsync(HttpClient http, string url)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"api/publications?pillar={Pillar}&top=100");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("url").GetString() == url)
                {
                    return item;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The feed item {url} was not ingested in time.");
            await Task.Delay(200);
        }
    }

    /// <summary>The pillar's Atom feed over HTTP: 200, and XML that a strict reader (character checks on) accepts.</summary>
    private static async Task<List<string>> AtomTitlesAsync(HttpClient http, string pillar = Pillar)
    {
        using var response = await http.GetAsync($"api/pillars/{pillar}/feed");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = XDocument.Load(await response.Content.ReadAsStreamAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        return [.. feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value)];
    }

    private async Task<HttpResponseMessage> ReleaseAsync(object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/publications")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        return await host.Http.SendAsync(request);
    }

    private static WebhookReply EchoValidationCode(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("type").GetString() == "subscription.validation"
            ? WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = document.RootElement.GetProperty("data").GetProperty("validationCode").GetString() }))
            : WebhookReply.Ok;
    }
}
