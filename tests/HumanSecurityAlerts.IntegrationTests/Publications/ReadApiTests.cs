using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Publications;

/// <summary>GET /api/publications, /api/publications/{id} and /api/pillars/{id}/feed over Azurite.</summary>
public sealed class ReadApiTests(AzuriteFixture azurite, LocalServiceBusFixture bus) : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Paging_through_250_publications_of_a_pillar_returns_each_once_newest_first()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var store = app.Host.Services.GetRequiredService<IPublicationStore>();
        // 250 in the pillar (some sharing a timestamp), 30 in another pillar only.
        var inPillar = Enumerable.Range(0, 250).Select(i => Make(i, Start.AddHours(i / 2 * 3), PillarCatalog.ChildrenAndArmedConflict)).ToList();
        var other = Enumerable.Range(250, 30).Select(i => Make(i, Start.AddHours(i), PillarCatalog.CulturalPropertyProtection)).ToList();
        await Parallel.ForEachAsync(inPillar.Concat(other), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) => await store.IndexAsync(p, ct));

        var seen = new List<(string Id, DateTimeOffset PublishedAt)>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = "?pillar=children-and-armed-conflict&top=37" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await app.ListAsync(query);
            Assert.Equal(200, response.StatusCode);
            var json = response.Json;
            seen.AddRange(json.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("publishedAt").GetDateTimeOffset())));
            token = json.TryGetProperty("continuationToken", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(7, pages);
        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(inPillar.Select(p => p.Id).Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(seen.OrderByDescending(s => s.PublishedAt).Select(s => s.PublishedAt), seen.Select(s => s.PublishedAt));
    }

    [Fact]
    public async Task The_default_page_is_20_and_all_pillars_and_language_filters_apply()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var store = app.Host.Services.GetRequiredService<IPublicationStore>();
        for (var i = 0; i < 30; i++)
        {
            await store.IndexAsync(Make(i, Start.AddDays(i), PillarCatalog.ProtectionOfCivilians, i % 3 == 0 ? "fr" : "en"), CancellationToken.None);
        }

        var all = await app.ListAsync("");
        var french = await app.ListAsync("?pillar=protection-of-civilians&lang=fr&top=100");

        Assert.Equal(20, all.Json.GetProperty("items").GetArrayLength());
        Assert.Equal("p029", all.Json.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(10, french.Json.GetProperty("items").GetArrayLength());
        Assert.All(french.Json.GetProperty("items").EnumerateArray(), i => Assert.Equal("fr", i.GetProperty("language").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, french.Json.GetProperty("continuationToken").ValueKind);
    }

    [Theory]
    [InlineData("?pillar=space", "pillar")]
    [InlineData("?lang=de", "lang")]
    [InlineData("?top=0", "top")]
    [InlineData("?top=101", "top")]
    [InlineData("?top=ten", "top")]
    [InlineData("?continuationToken=not-a-token", "continuationToken")]
    [InlineData("?pillar=protection-of-civilians&continuationToken=MXxhbGx8MDAwMDAwMDAwMDAwMDAwMDAwMF9hYmM", "continuationToken")]
    public async Task Bad_query_parameters_get_400_naming_them(string query, string field)
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var response = await app.ListAsync(query);

        Assert.Equal(400, response.StatusCode);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
    }

    [Fact]
    public async Task An_unknown_publication_is_a_404_problem()
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        var missing = await app.GetAsync("0123456789abcdef0123456789abcdef");
        var invalid = await app.GetAsync("..%2F..");

        Assert.Equal(404, missing.StatusCode);
        Assert.StartsWith("application/problem+json", missing.ContentType, StringComparison.Ordinal);
        Assert.Equal(404, invalid.StatusCode);
    }

    [Fact]
    public async Task A_publication_shows_its_scores_threshold_and_evidence_as_the_release_answer_does()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var released = await app.ReleaseAsync(PublicationsApp.SeedRelease());
        var id = released.Json.GetProperty("id").GetString()!;

        var response = await app.GetAsync(id);

        Assert.Equal(200, response.StatusCode);
        var classification = response.Json.GetProperty("classification");
        Assert.Equal(released.Json.GetProperty("classification").GetRawText(), classification.GetRawText());
        var threshold = classification.GetProperty("threshold").GetDouble();
        Assert.Equal(new Classification.ClassifierOptions().Threshold, threshold);
        Assert.True(classification.GetProperty("scores").GetProperty(PillarCatalog.ProtectionOfCivilians).GetDouble() >= threshold);
        Assert.Contains(PillarCatalog.ProtectionOfCivilians, classification.GetProperty("pillars").EnumerateArray().Select(p => p.GetString()));
        var evidence = classification.GetProperty("evidence").EnumerateArray().Where(e => e.GetProperty("pillar").GetString() == PillarCatalog.ProtectionOfCivilians).ToList();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("term").GetString()));
            Assert.Contains(e.GetProperty("field").GetString(), new[] { "title", "summary", "body" });
            Assert.True(e.GetProperty("weight").GetDouble() > 0);
        });
    }

    [Fact]
    public async Task A_pillar_added_by_the_learned_gate_is_stored_and_shown_as_learned()
    {
        await using var app = PublicationsApp.Create(azurite, bus);

        // Written for this test: the vocabulary sees the church and the looting, the learned gate adds cultural property.
        var released = await app.ReleaseAsync(System.Text.Json.JsonSerializer.Serialize(new
        {
            title = "Une église du village détruite par les frappes",
            url = "https://example.org/eglise-" + Guid.NewGuid().ToString("N"),
            language = "fr",
            text = "Les habitants ont retrouvé les ruines de leur église, bâtie au XVe siècle, après une nuit de frappes d'artillerie. "
                + "Des icônes anciennes ont été emportées par des soldats, selon le prêtre. Des archéologues de la région demandent que "
                + "les destructions soient documentées avant l'hiver.",
        }));
        Assert.Equal(201, released.StatusCode);

        var stored = (await app.GetAsync(released.Json.GetProperty("id").GetString()!)).Json.GetProperty("classification");

        Assert.Equal([PillarCatalog.CulturalPropertyProtection], stored.GetProperty("learnedPillars").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(PillarCatalog.CulturalPropertyProtection, stored.GetProperty("pillars").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(stored.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("pillar").GetString() == PillarCatalog.CulturalPropertyProtection);
        Assert.Equal(released.Json.GetProperty("classification").GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task A_pillar_has_an_Atom_feed_of_its_newest_publications()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var released = await app.ReleaseAsync(PublicationsApp.SeedRelease());
        var id = released.Json.GetProperty("id").GetString()!;
        var function = app.Host.Create<Functions.Publications.GetPillarFeed>();

        var feedResponse = await app.Host.InvokeAsync(
            AppHost.Request("GET", "/api/pillars/protection-of-civilians/feed?lang=fr"),
            r => function.Run(r, PillarCatalog.ProtectionOfCivilians, CancellationToken.None));
        var unknown = await app.Host.InvokeAsync(
            AppHost.Request("GET", "/api/pillars/space/feed"),
            r => function.Run(r, "space", CancellationToken.None));
        var empty = await app.Host.InvokeAsync(
            AppHost.Request("GET", "/api/pillars/women-peace-and-security/feed?lang=en"),
            r => function.Run(r, PillarCatalog.WomenPeaceAndSecurity, CancellationToken.None));

        Assert.Equal(200, feedResponse.StatusCode);
        Assert.StartsWith("application/atom+xml", feedResponse.ContentType, StringComparison.Ordinal);
        using var reader = XmlReader.Create(new StringReader(feedResponse.Body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var feed = SyndicationFeed.Load(reader);
        Assert.Contains("Protection des civils", feed.Title.Text, StringComparison.Ordinal);
        var entry = Assert.Single(feed.Items);
        Assert.Equal("urn:humansecurityalerts:publication:" + id, entry.Id);
        Assert.Equal("https://www.nato.int/cps/fr/natohq/news_181779.htm", entry.Links[0].Uri.AbsoluteUri);
        Assert.Contains(entry.Categories, c => c.Name == PillarCatalog.ProtectionOfCivilians);
        Assert.Equal(404, unknown.StatusCode);
        Assert.Equal(200, empty.StatusCode);
        Assert.Empty(SyndicationFeed.Load(XmlReader.Create(new StringReader(empty.Body))).Items);
    }

    [Fact]
    public async Task The_default_feed_is_in_English_and_each_entry_carries_its_own_language()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var store = app.Host.Services.GetRequiredService<IPublicationStore>();
        await store.IndexAsync(Make(1, Start, PillarCatalog.ChildrenAndArmedConflict, "en"), CancellationToken.None);
        await store.IndexAsync(Make(2, Start.AddHours(1), PillarCatalog.ChildrenAndArmedConflict, "fr"), CancellationToken.None);
        await store.IndexAsync(Make(3, Start.AddHours(2), PillarCatalog.ChildrenAndArmedConflict, "other"), CancellationToken.None);

        var all = await app.FeedAsync(PillarCatalog.ChildrenAndArmedConflict, "");
        var french = await app.FeedAsync(PillarCatalog.ChildrenAndArmedConflict, "?lang=fr");

        var feed = XDocument.Parse(all.Body).Root!;
        Assert.Equal("en", (string?)feed.Attribute(XNamespace.Xml + "lang"));
        var languages = feed.Elements(Atom + "entry").ToDictionary(e => (string)e.Element(Atom + "id")!, e => (string?)e.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("en", languages["urn:humansecurityalerts:publication:p001"]);
        Assert.Equal("fr", languages["urn:humansecurityalerts:publication:p002"]);
        Assert.Equal("", languages["urn:humansecurityalerts:publication:p003"]);
        var frenchFeed = XDocument.Parse(french.Body).Root!;
        Assert.Equal("fr", (string?)frenchFeed.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("fr", (string?)Assert.Single(frenchFeed.Elements(Atom + "entry")).Attribute(XNamespace.Xml + "lang"));
    }

    [Fact]
    public async Task A_feed_is_cacheable_and_answers_a_conditional_get_with_304_until_it_changes()
    {
        await using var app = PublicationsApp.Create(azurite, bus);
        var store = app.Host.Services.GetRequiredService<IPublicationStore>();
        await store.IndexAsync(Make(1, Start, PillarCatalog.CulturalPropertyProtection), CancellationToken.None);
        const string pillar = PillarCatalog.CulturalPropertyProtection;

        var first = await app.FeedAsync(pillar, "");
        var etag = first.Headers["ETag"];
        var lastModified = first.Headers["Last-Modified"];
        var sameTag = await app.FeedAsync(pillar, "", new() { ["If-None-Match"] = "\"other\", " + etag });
        var weakTag = await app.FeedAsync(pillar, "", new() { ["If-None-Match"] = "W/" + etag });
        var sameDate = await app.FeedAsync(pillar, "", new() { ["If-Modified-Since"] = lastModified });
        var otherTagSameDate = await app.FeedAsync(pillar, "", new() { ["If-None-Match"] = "\"other\"", ["If-Modified-Since"] = lastModified });
        var otherLanguage = await app.FeedAsync(pillar, "?lang=fr", new() { ["If-None-Match"] = etag });
        await store.IndexAsync(Make(2, Start.AddDays(1), pillar), CancellationToken.None);
        var changed = await app.FeedAsync(pillar, "", new() { ["If-None-Match"] = etag, });
        var changedSince = await app.FeedAsync(pillar, "", new() { ["If-Modified-Since"] = lastModified });

        Assert.Equal(200, first.StatusCode);
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag);
        Assert.Equal(Start, DateTimeOffset.Parse(lastModified, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("public, max-age=300", first.Headers["Cache-Control"]);
        foreach (var notModified in new[] { sameTag, weakTag, sameDate })
        {
            Assert.Equal(304, notModified.StatusCode);
            Assert.Equal("", notModified.Body);
            Assert.Equal(etag, notModified.Headers["ETag"]);
            Assert.Equal("public, max-age=300", notModified.Headers["Cache-Control"]);
        }

        Assert.Equal(200, otherTagSameDate.StatusCode);
        Assert.Equal(200, otherLanguage.StatusCode);
        Assert.Equal(200, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers["ETag"]);
        Assert.Equal(2, XDocument.Parse(changed.Body).Root!.Elements(Atom + "entry").Count());
        Assert.Equal(200, changedSince.StatusCode);
    }

    private static Publication Make(int i, DateTimeOffset publishedAt, string pillar, string language = "en") => new()
    {
        Id = $"p{i:D3}",
        Url = new Uri($"https://example.org/p/{i}"),
        Title = $"Publication {i}",
        Summary = $"Summary {i}",
        Language = language,
        Source = "test",
        PublishedAt = publishedAt,
        IngestedAt = publishedAt,
        Pillars = [pillar],
    };
}
