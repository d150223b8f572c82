using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// The whole tour through the local host — subscribe by email and by webhook, confirm, manage, verify, rotate the
/// secret, release, unsubscribe — with every log line of every category captured at Trace level, then searched for
/// every token, secret and email address the run handed out.
/// </summary>
public sealed class LogRedactionTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task No_log_line_of_the_tour_holds_a_token_a_secret_or_an_email_address()
    {
        var reader = SmtpCaptureFixture.NewRecipient("tour");
        using (var subscribed = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = reader, pillars = new[] { "children-and-armed-conflict" }, language = "en", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        }

        var confirmation = Assert.Single(await host.Smtp.WaitForAsync(reader, 1, Timeout));
        var unsubscribe = new Uri(confirmation.Header("List-Unsubscribe")!.Trim('<', '>'));
        var manage = new Uri(unsubscribe.AbsoluteUri.Replace("/unsubscribe/", "/manage/", StringComparison.Ordinal));
        (await EmailConfirmation.ConfirmAsync(host.Http, confirmation)).Dispose();
        (await host.Http.GetAsync(manage)).Dispose();
        (await host.Http.PostAsync(manage, new FormUrlEncodedContent(new Dictionary<string, string> { ["pillars"] = "children-and-armed-conflict", ["language"] = "fr", ["frequency"] = "immediate" }))).Dispose();

        var endpoint = host.Webhooks.CreateEndpoint();
        endpoint.Responder = EchoValidationCode;
        JsonElement webhook;
        using (var registered = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars = new[] { "children-and-armed-conflict" }, language = "en", frequency = "immediate" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            webhook = await registered.Content.ReadFromJsonAsync<JsonElement>();
        }

        var webhookManage = new Uri(webhook.GetProperty("manageUrl").GetString()!);
        (await host.Http.PostAsync(webhookManage + "/verify", null)).Dispose();
        string rotatedSecret;
        using (var rotated = await host.Http.PostAsync(webhookManage + "/rotate-secret", null))
        {
            rotatedSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        }

        var url = $"https://www.nato.int/cps/fr/natohq/news_181779.htm?logs={Guid.NewGuid():N}";
        using (var released = await SeedRelease.PostAsync(host, json => json.Replace("https://www.nato.int/cps/fr/natohq/news_181779.htm", url, StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        }

        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (!endpoint.Requests.Any(r => r.BodyText.Contains("publication.released", StringComparison.Ordinal)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The release never reached the webhook.");
            await Task.Delay(100);
        }

        (await host.Http.GetAsync(unsubscribe)).Dispose();
        (await host.Http.PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).Dispose();
        var webhookUnsubscribe = new Uri(webhookManage.AbsoluteUri.Replace("/manage/", "/unsubscribe/", StringComparison.Ordinal));
        (await host.Http.PostAsync(webhookUnsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).Dispose();

        var issued = new Dictionary<string, string>
        {
            ["email address"] = reader,
            ["confirm token"] = HttpUtility.ParseQueryString(EmailConfirmation.Link(confirmation).Query)["token"]!,
            ["email manage token"] = manage.Segments[^1],
            ["webhook manage token"] = webhookManage.Segments[^1],
            ["webhook secret"] = webhook.GetProperty("secret").GetString()!,
            ["rotated webhook secret"] = rotatedSecret,
            ["admin key"] = host.AdminKey,
        };
        var lines = host.Logs.Lines;

        // The request log did run, and did write the paths — with the token redacted.
        Assert.Contains(lines, l => l.Contains("/api/subscriptions/manage/[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("/api/subscriptions/unsubscribe/[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("token=[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        foreach (var (what, value) in issued)
        {
            var leaks = lines.Where(l => l.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"The {what} appears in {leaks.Count} log line(s), e.g.: {leaks.FirstOrDefault()}");
        }
    }

    private static WebhookReply EchoValidationCode(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.GetProperty("type").GetString() == "subscription.validation"
            ? WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = document.RootElement.GetProperty("data").GetProperty("validationCode").GetString() }))
            : WebhookReply.Ok;
    }
}
