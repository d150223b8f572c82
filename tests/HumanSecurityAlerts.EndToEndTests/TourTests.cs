using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>The README's five-minute tour, over real HTTP through the local host: subscribe, confirm, release, get notified.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class TourTests(LocalHostFixture host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Email_and_webhook_subscribers_are_notified_once_of_the_seed_release()
    {
        var reader = SmtpCaptureFixture.NewRecipient();
        using (var subscribed = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = reader, pillars = new[] { "children-and-armed-conflict" }, language = "en", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        }

        var confirmation = (await host.Smtp.WaitForAsync(reader, 1, Timeout)).Single();
        using (var confirmed = await EmailConfirmation.ConfirmAsync(host.Http, confirmation))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("Subscription confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var endpoint = host.Webhooks.CreateEndpoint();
        endpoint.Responder = EchoValidationCode;
        string secret;
        using (var registered = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars = new[] { "trafficking-in-human-beings", "cultural-property-protection" }, language = "fr", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("active", body.GetProperty("status").GetString());
            secret = body.GetProperty("secret").GetString()!;
        }

        var url = $"https://www.nato.int/cps/fr/natohq/news_181779.htm?tour={Guid.NewGuid():N}";
        string publicationId;
        using (var released = await SeedRelease.PostAsync(host, json => json.Replace("https://www.nato.int/cps/fr/natohq/news_181779.htm", url, StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.Created, released.StatusCode);
            publicationId = (await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        var mails = await host.Smtp.WaitForAsync(reader, 2, Timeout);
        Assert.Contains("/api/subscriptions/unsubscribe/", mails[1].Header("List-Unsubscribe"), StringComparison.Ordinal);
        var events = await endpoint.WaitForAsync(2, Timeout);
        var delivered = events[1];
        Assert.True(HasValidSignature(delivered, secret), "The event's Standard Webhooks signature must verify with the subscriber's secret.");
        using (var payload = JsonDocument.Parse(delivered.Body))
        {
            Assert.Equal("publication.released", payload.RootElement.GetProperty("type").GetString());
        }

        // Posting the same release again changes nothing and notifies nobody.
        using (var again = await SeedRelease.PostAsync(host, json => json.Replace("https://www.nato.int/cps/fr/natohq/news_181779.htm", url, StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using var deliveries = new HttpRequestMessage(HttpMethod.Get, $"api/manage/deliveries?publicationId={publicationId}");
        deliveries.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        using var report = await host.Http.SendAsync(deliveries);
        var counts = (await report.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
        Assert.Equal(2, counts);
        Assert.Equal(2, host.Smtp.To(reader).Count);
        Assert.Equal(2, endpoint.Requests.Count);
    }

    internal static WebhookReply EchoValidationCode(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("type").GetString() == "subscription.validation"
            ? WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = document.RootElement.GetProperty("data").GetProperty("validationCode").GetString() }))
            : WebhookReply.Ok;
    }

    /// <summary>Standard Webhooks, from the spec: v1,base64(HMAC-SHA256(key, id.timestamp.body)), key = base64 after "whsec_".</summary>
    private static bool HasValidSignature(RecordedRequest request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.BodyText}");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        return (request.Header("webhook-signature") ?? "").Split(' ').Contains(expected);
    }
}
