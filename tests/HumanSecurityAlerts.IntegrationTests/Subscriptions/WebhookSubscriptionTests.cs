using System.Net;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

public sealed class WebhookSubscriptionTests(AzuriteFixture azurite, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    [Fact]
    public async Task A_correct_echo_of_the_signed_validation_event_activates_the_webhook()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Responder = SubscriptionApp.Echo();

        var response = await app.SubscribeAsync(new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = new[] { PillarCatalog.ProtectionOfCivilians } });

        Assert.Equal(201, response.StatusCode);
        var json = response.Json;
        Assert.Equal("active", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("verification").GetProperty("succeeded").GetBoolean());
        var secret = json.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var request = Assert.Single(endpoint.Requests);
        Assert.Contains("\"type\":\"subscription.validation\"", request.BodyText, StringComparison.Ordinal);
        Assert.Matches("\"timestamp\":\"[0-9T:.\\-]+Z\"", request.BodyText); // UTC with "Z", as in publication events
        Assert.True(SubscriptionApp.HasValidSignature(request, secret));
        var entry = Assert.Single(await app.ActiveAsync(PillarCatalog.ProtectionOfCivilians));
        Assert.Equal(SubscriptionChannel.Webhook, entry.Channel);
        Assert.Equal(json.GetProperty("id").GetString(), entry.SubscriberId);
        var target = await app.Directory.GetActiveAsync(entry.SubscriberId, CancellationToken.None);
        Assert.Equal([secret], target!.SigningSecrets);
    }

    [Fact]
    public async Task A_wrong_echo_leaves_the_webhook_pending_until_a_retry_succeeds()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Responder = SubscriptionApp.Echo(correctly: false);

        var response = await app.SubscribeAsync(new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = new[] { PillarCatalog.CulturalPropertyProtection } });

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("pending", response.Json.GetProperty("status").GetString());
        Assert.False(response.Json.GetProperty("verification").GetProperty("succeeded").GetBoolean());
        Assert.Empty(await app.ActiveAsync(PillarCatalog.CulturalPropertyProtection));
        var manage = new Uri(response.Json.GetProperty("manageUrl").GetString()!);

        endpoint.Responder = _ => WebhookReply.Status(500);
        var failed = await app.PostAsync(new Uri(manage + "/verify"), null);
        Assert.False(failed.Json.GetProperty("verification").GetProperty("succeeded").GetBoolean());
        Assert.Empty(await app.ActiveAsync(PillarCatalog.CulturalPropertyProtection));

        endpoint.Responder = SubscriptionApp.Echo();
        var retried = await app.PostAsync(new Uri(manage + "/verify"), null);
        Assert.Equal("active", retried.Json.GetProperty("status").GetString());
        Assert.Single(await app.ActiveAsync(PillarCatalog.CulturalPropertyProtection));
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_for_the_overlap_then_only_the_new_one()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Responder = SubscriptionApp.Echo();
        var created = await app.SubscribeAsync(new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = new[] { PillarCatalog.WomenPeaceAndSecurity } });
        var oldSecret = created.Json.GetProperty("secret").GetString()!;
        var manage = new Uri(created.Json.GetProperty("manageUrl").GetString()!);

        var rotated = await app.PostAsync(new Uri(manage + "/rotate-secret"), null);
        Assert.Equal(200, rotated.StatusCode);
        var newSecret = rotated.Json.GetProperty("secret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);

        app.Time.Advance(TimeSpan.FromHours(23));
        await app.PostAsync(new Uri(manage + "/verify"), null);
        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await app.PostAsync(new Uri(manage + "/verify"), null);

        var requests = endpoint.Requests;
        Assert.Equal(3, requests.Count);
        var during = requests[1];
        Assert.Equal(2, during.Header("webhook-signature")!.Split(' ').Length);
        Assert.True(SubscriptionApp.HasValidSignature(during, oldSecret));
        Assert.True(SubscriptionApp.HasValidSignature(during, newSecret));
        var after = requests[2];
        Assert.Single(after.Header("webhook-signature")!.Split(' '));
        Assert.True(SubscriptionApp.HasValidSignature(after, newSecret));
        Assert.False(SubscriptionApp.HasValidSignature(after, oldSecret));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://example.org/hook")]
    public async Task Non_public_or_non_https_urls_are_refused_when_private_networks_are_not_allowed(string url)
    {
        await using var app = SubscriptionApp.Create(azurite, smtp, allowPrivateNetworks: false);

        var response = await app.SubscribeAsync(new { channel = "webhook", url, pillars = new[] { PillarCatalog.ProtectionOfCivilians } });

        Assert.Equal(400, response.StatusCode);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("url", out _), response.Body);
        Assert.Equal(0, await app.CountStoredEntitiesAsync());
    }

    [Fact]
    public async Task The_webhook_client_refuses_to_connect_to_a_loopback_address_when_private_networks_are_not_allowed()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp, allowPrivateNetworks: false);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        var factory = app.Host.Services.GetRequiredService<IHttpClientFactory>();
        var client = factory.CreateClient(WebhookHttp.ClientName);

        // The guard sits in the connection callback, so it holds whatever the URL or the scheme.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(endpoint.Url, new StringContent("{}")));
        var viaLocalhost = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new UriBuilder(endpoint.Url) { Host = "localhost" }.Uri));
        var result = await app.Host.Services.GetRequiredService<IWebhookClient>().PostAsync(
            new WebhookCall(new UriBuilder(endpoint.Url) { Scheme = "https" }.Uri, "msg_1", DateTimeOffset.UtcNow, "{}"u8.ToArray(), [WebhookSecret.Generate()]),
            CancellationToken.None);

        Assert.IsType<WebhookDestinationRefusedException>(error.InnerException);
        Assert.IsType<WebhookDestinationRefusedException>(viaLocalhost.InnerException);
        Assert.Equal(WebhookCallOutcome.Refused, result.Outcome);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task The_same_client_reaches_the_loopback_receiver_when_private_networks_are_allowed()
    {
        await using var app = SubscriptionApp.Create(azurite, smtp, allowPrivateNetworks: true);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        var client = app.Host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookHttp.ClientName);

        using var response = await client.PostAsync(endpoint.Url, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(endpoint.Requests);
    }
}
