using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

public sealed class SubscriptionInputTests(AzuriteFixture azurite, SmtpCaptureFixture smtp) : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>
{
    [Theory]
    [InlineData("""{"channel":"email","email":"not-an-address","pillars":["protection-of-civilians"]}""", "email")]
    [InlineData("""{"channel":"email","email":"a@b","pillars":["protection-of-civilians"]}""", "email")]
    [InlineData("""{"channel":"email","pillars":["protection-of-civilians"]}""", "email")]
    [InlineData("""{"channel":"email","email":"reader@example.org","pillars":[]}""", "pillars")]
    [InlineData("""{"channel":"email","email":"reader@example.org"}""", "pillars")]
    [InlineData("""{"channel":"email","email":"reader@example.org","pillars":["protection-of-penguins"]}""", "pillars")]
    [InlineData("""{"channel":"email","email":"reader@example.org","pillars":"protection-of-civilians"}""", "pillars")]
    [InlineData("""{"channel":"pigeon","email":"reader@example.org","pillars":["protection-of-civilians"]}""", "channel")]
    [InlineData("""{"email":"reader@example.org","pillars":["protection-of-civilians"]}""", "channel")]
    [InlineData("""{"channel":"email","email":"reader@example.org","pillars":["protection-of-civilians"],"frequency":"hourly"}""", "frequency")]
    [InlineData("""{"channel":"email","email":"reader@example.org","pillars":["protection-of-civilians"],"language":"de"}""", "language")]
    [InlineData("""{"channel":"webhook","url":"not a url","pillars":["protection-of-civilians"]}""", "url")]
    [InlineData("""{"channel":"webhook","url":"ftp://example.org/x","pillars":["protection-of-civilians"]}""", "url")]
    public async Task Invalid_input_is_a_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var before = smtp.Server.Messages.Count(m => m.Recipients.Contains("reader@example.org"));

        var response = await app.SubscribeRawAsync(body);

        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(field, out _), response.Body);
        Assert.Equal(0, await app.CountStoredEntitiesAsync());
        Assert.Equal(before, smtp.Server.Messages.Count(m => m.Recipients.Contains("reader@example.org")));
    }

    [Fact]
    public async Task Several_invalid_fields_are_all_named()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);

        var response = await app.SubscribeRawAsync("""{"channel":"email","email":"x","pillars":["nope"],"frequency":"hourly","language":"de"}""");

        var errors = response.Json.GetProperty("errors");
        Assert.All(["email", "pillars", "frequency", "language"], (string f) => Assert.True(errors.TryGetProperty(f, out _), f));
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_and_a_non_json_body_a_415()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var huge = "{\"channel\":\"email\",\"email\":\"reader@example.org\",\"pillars\":[\"protection-of-civilians\"],\"pad\":\"" + new string('x', 20_000) + "\"}";

        var tooLarge = await app.SubscribeRawAsync(huge);
        var notJson = await app.SubscribeRawAsync("channel=email", "application/x-www-form-urlencoded");

        Assert.Equal(413, tooLarge.StatusCode);
        Assert.StartsWith("application/problem+json", tooLarge.ContentType, StringComparison.Ordinal);
        Assert.Equal(415, notJson.StatusCode);
        Assert.Equal(0, await app.CountStoredEntitiesAsync());
    }
}
