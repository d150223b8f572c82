using System.Text.Json;
using System.Text.Json.Nodes;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.IntegrationTests.Publications;

/// <summary>POST /api/manage/publications and /api/manage/classify over Azurite and the local broker.</summary>
public sealed class ReleaseApiTests(AzuriteFixture azurite, LocalServiceBusFixture bus) : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>
{
    /// <summary>The five pillars the seed article names as NATO's human security work.</summary>
    private static readonly string[] SeedPillars =
    [
        PillarCatalog.ProtectionOfCivilians,
        PillarCatalog.ChildrenAndArmedConflict,
        PillarCatalog.TraffickingInHumanBeings,
        PillarCatalog.ConflictRelatedSexualViolence,
        PillarCatalog.CulturalPropertyProtection,
    ];

    [Fact]
    public async Task The_seed_release_is_stored_with_its_pillars_and_published_once()
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync(PublicationsApp.SeedRelease());

        Assert.Equal(201, response.StatusCode);
        var body = response.Json;
        var id = body.GetProperty("id").GetString()!;
        var pillars = Strings(body.GetProperty("pillars"));
        Assert.Equal(SeedPillars, pillars);
        Assert.Equal("fr", body.GetProperty("language").GetString());
        Assert.Equal("https://www.nato.int/cps/fr/natohq/news_181779.htm", body.GetProperty("url").GetString());
        Assert.Equal(new DateTimeOffset(2021, 2, 25, 0, 0, 0, TimeSpan.Zero), body.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.False(body.GetProperty("pillarsSetByAdmin").GetBoolean());
        Assert.True(body.GetProperty("publishedToTopic").GetBoolean());
        Assert.NotEmpty(body.GetProperty("classification").GetProperty("evidence").EnumerateArray());
        Assert.Equal($"https://alerts.example.test/api/publications/{id}", response.Headers["Location"]);

        var stored = await app.GetAsync(id);
        Assert.Equal(200, stored.StatusCode);
        Assert.Equal(pillars, Strings(stored.Json.GetProperty("pillars")));
        Assert.Contains("cinq grands axes", stored.Json.GetProperty("text").GetString(), StringComparison.Ordinal);

        var message = Assert.Single(await app.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(id, message.MessageId);
        Assert.Equal(PublicationMessage.Subject, message.Subject);
        Assert.Equal("fr", message.ApplicationProperties[PublicationMessage.LanguageProperty]);
        Assert.Equal(string.Join(',', pillars), message.ApplicationProperties[PublicationMessage.PillarsProperty]);
        foreach (var pillar in PillarCatalog.All)
        {
            Assert.Equal(pillars.Contains(pillar.Id), message.ApplicationProperties[pillar.Id]);
        }

        var sent = PublicationMessage.ReadBody(message.Body);
        Assert.Equal(id, sent.Id);
        Assert.Equal(pillars, sent.Pillars);
        Assert.Equal(0, await app.CountAsync("Outbox"));
    }

    [Fact]
    public async Task Posting_the_same_release_again_returns_the_stored_one_and_publishes_nothing()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var first = await app.ReleaseAsync(PublicationsApp.SeedRelease());
        Assert.Single(await app.ReceiveAsync(TimeSpan.FromSeconds(5)));

        // Same article, link with tracking parameters, a fragment and a trailing slash, another title.
        var again = JsonNode.Parse(PublicationsApp.SeedRelease())!;
        again["url"] = "HTTPS://www.NATO.int/cps/fr/natohq/news_181779.htm/?utm_source=newsletter&utm_medium=email#top";
        again["title"] = "Another title";
        var second = await app.ReleaseAsync(again.ToJsonString());

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.Equal(first.Json.GetProperty("title").GetString(), second.Json.GetProperty("title").GetString());
        Assert.Empty(await app.ReceiveAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, await app.CountAsync("Publications"));
    }

    public static TheoryData<string, string> BadReleases => new()
    {
        { """{"url":"https://example.org/a","text":"x"}""", "title" },
        { """{"title":"  ","url":"https://example.org/a"}""", "title" },
        { """{"title":"T"}""", "url" },
        { """{"title":"T","url":"ftp://example.org/a"}""", "url" },
        { """{"title":"T","url":"/relative/path"}""", "url" },
        { """{"title":"T","url":"https://user:pw@example.org/a"}""", "url" },
        { """{"title":"T","url":"https://example.org/a","pillars":["protection-of-civilians","space-weather"]}""", "pillars" },
        { """{"title":"T","url":"https://example.org/a","publishedAt":"2999-01-01T00:00:00Z"}""", "publishedAt" },
        { """{"title":"T","url":"https://example.org/a","publishedAt":"last tuesday"}""", "publishedAt" },
        { """{"title":"T","url":"https://example.org/a","language":"de"}""", "language" },
        { """{"title":"T","url":"https://example.org/a","id":"Not An Id!"}""", "id" },
        { """{"title":"T","url":"https://example.org/a","pillars":"protection-of-civilians"}""", "pillars" },
        { """[1,2,3]""", "body" },
        { """{"title":""", "title" },
    };

    [Theory]
    [MemberData(nameof(BadReleases))]
    public async Task A_bad_release_gets_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_one_answer()
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync("""{"url":"mailto:a@b.c","pillars":["x"],"publishedAt":"2999-01-01","language":"es"}""");

        Assert.Equal(400, response.StatusCode);
        var errors = response.Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "title", "url", "pillars", "publishedAt", "language" }, errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-wrong-key-wrong-key-wrong-key")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    public async Task Without_valid_admin_credentials_the_answer_is_401_before_anything_else(string? authorization)
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var headers = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization };

        var json = await app.ReleaseAsync(PublicationsApp.SeedRelease(), headers: headers);
        var notJson = await app.ReleaseAsync("title=x", "text/plain", headers);
        var huge = await app.ReleaseAsync(new string('x', 2 * 1024 * 1024), headers: headers);

        Assert.Equal([401, 401, 401], new[] { json.StatusCode, notJson.StatusCode, huge.StatusCode });
        Assert.Equal("Bearer", json.Headers["WWW-Authenticate"]);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task The_X_Admin_Key_header_is_not_accepted()
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync(
            """{"title":"Protection of civilians report","url":"https://example.org/poc"}""",
            headers: new Dictionary<string, string> { ["X-Admin-Key"] = AppHost.AdminKey });

        Assert.Equal(401, response.StatusCode);
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("forged-role-type")]
    public async Task A_client_made_app_service_principal_gets_401(string claimType)
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync(
            """{"title":"Protection of civilians report","url":"https://example.org/poc"}""",
            headers: new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = ForgedPrincipal(claimType) });

        Assert.Equal(401, response.StatusCode);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task Trusting_the_principal_without_app_service_authentication_runs_nothing()
    {
        // No WEBSITE_AUTH_ENABLED: nothing in front of the app strips a client-made header, so the app refuses to run.
        await using var app = PublicationsApp.Create(azurite, bus, new Dictionary<string, string?> { ["Admin:TrustAppServiceAuthentication"] = "true" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.ReleaseAsync(
            """{"title":"Protection of civilians report","url":"https://example.org/poc"}""",
            headers: new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = ForgedPrincipal("roles") }));

        Assert.Contains("'Admin__TrustAppServiceAuthentication'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_changes_nothing()
    {
        await using var app = PublicationsApp.Create(azurite, bus, new Dictionary<string, string?> { ["Publications:MaxRequestBytes"] = "4096" });
        var release = JsonNode.Parse(PublicationsApp.SeedRelease())!;
        release["text"] = string.Concat(Enumerable.Repeat(release["text"]!.GetValue<string>(), 3));

        var declared = await app.ReleaseAsync(release.ToJsonString());

        // Chunked: no Content-Length, so the limit is enforced while reading.
        var function = app.Host.Create<Functions.Publications.ReleasePublication>();
        var request = AppHost.Request("POST", "/api/manage/publications", release.ToJsonString(), "application/json", AppHost.Admin);
        request.ContentLength = null;
        var chunked = await app.Host.InvokeAsync(request, r => function.Run(r, CancellationToken.None));

        Assert.Equal(413, declared.StatusCode);
        Assert.Equal(413, chunked.StatusCode);
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_non_JSON_body_gets_415_and_changes_nothing(string? contentType)
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ReleaseAsync(PublicationsApp.SeedRelease(), contentType!);

        Assert.Equal(415, response.StatusCode);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task Pillars_set_by_an_admin_replace_the_classifier_and_are_marked_so()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var release = JsonNode.Parse(PublicationsApp.SeedRelease())!;
        release["pillars"] = new JsonArray("cultural-property-protection", "protection-of-civilians");

        var response = await app.ReleaseAsync(release.ToJsonString());

        Assert.Equal(201, response.StatusCode);
        Assert.Equal(["protection-of-civilians", "cultural-property-protection"], Strings(response.Json.GetProperty("pillars")));
        Assert.True(response.Json.GetProperty("pillarsSetByAdmin").GetBoolean());
        Assert.Equal(SeedPillars, Strings(response.Json.GetProperty("classification").GetProperty("pillars")));
        var message = Assert.Single(await app.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(true, message.ApplicationProperties["protection-of-civilians"]);
        Assert.Equal(false, message.ApplicationProperties["children-and-armed-conflict"]);
    }

    [Fact]
    public async Task The_classification_preview_classifies_without_storing()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var function = app.Host.Create<Functions.Publications.PreviewClassification>();

        var preview = await app.Host.InvokeAsync(
            AppHost.Request("POST", "/api/manage/classify", PublicationsApp.SeedRelease(), "application/json", AppHost.Admin),
            r => function.Run(r, CancellationToken.None));
        var empty = await app.Host.InvokeAsync(
            AppHost.Request("POST", "/api/manage/classify", "{}", "application/json", AppHost.Admin),
            r => function.Run(r, CancellationToken.None));
        var anonymous = await app.Host.InvokeAsync(
            AppHost.Request("POST", "/api/manage/classify", PublicationsApp.SeedRelease()),
            r => function.Run(r, CancellationToken.None));

        Assert.Equal(200, preview.StatusCode);
        Assert.Equal("fr", preview.Json.GetProperty("language").GetString());
        Assert.Equal(SeedPillars, Strings(preview.Json.GetProperty("pillars")));
        Assert.Equal(400, empty.StatusCode);
        Assert.Equal(401, anonymous.StatusCode);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task A_failed_topic_send_is_retried_by_the_outbox_on_the_next_run()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var entities = PublicationsApp.CreateEntities(bus);

        // The app points at a topic that does not exist: the store succeeds, the send fails.
        int status;
        string id;
        await using (var broken = PublicationsApp.Create(azurite, bus, tablePrefix: prefix, entities: entities, publishTo: "no-such-topic"))
        {
            var response = await broken.ReleaseAsync(PublicationsApp.SeedRelease());
            status = response.StatusCode;
            id = response.Json.GetProperty("id").GetString()!;
            Assert.False(response.Json.GetProperty("publishedToTopic").GetBoolean());
            Assert.Equal(1, await broken.CountAsync("Outbox"));
            Assert.Equal(0, await broken.DrainOutboxAsync());
            Assert.Empty(await broken.ReceiveAsync(TimeSpan.FromSeconds(1)));
        }

        // The setting is fixed; the next outbox run sends it, once.
        await using var fixedApp = PublicationsApp.Create(azurite, bus, tablePrefix: prefix, entities: entities);
        Assert.Equal(1, await fixedApp.DrainOutboxAsync());
        Assert.Equal(0, await fixedApp.DrainOutboxAsync());

        Assert.Equal(201, status);
        var message = Assert.Single(await fixedApp.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(id, message.MessageId);
        Assert.Equal(0, await fixedApp.CountAsync("Outbox"));
        var again = await fixedApp.ReleaseAsync(PublicationsApp.SeedRelease());
        Assert.Equal(200, again.StatusCode);
        Assert.True(again.Json.GetProperty("publishedToTopic").GetBoolean());
        Assert.Empty(await fixedApp.ReceiveAsync(TimeSpan.FromSeconds(1)));
    }

    private static string ForgedPrincipal(string claimType) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
        {
            auth_typ = "aad",
            role_typ = claimType,
            claims = new[] { new { typ = claimType, val = "HumanSecurityAlerts.Admin" } },
        }));

    private static async Task AssertNothingStoredAsync(PublicationsApp app)
    {
        Assert.Equal(0, await app.CountAsync("Publications"));
        Assert.Equal(0, await app.CountAsync("PublicationsByPillar"));
        Assert.Equal(0, await app.CountAsync("Outbox"));
        Assert.Empty(await app.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
