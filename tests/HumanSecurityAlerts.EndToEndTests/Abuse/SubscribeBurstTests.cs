using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Testing.Email;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>Mail bombing through the subscribe endpoints, tried over real HTTP with concurrent bursts.</summary>
public sealed class SubscribeBurstTests(AbuseLimitsHostFixture host) : IClassFixture<AbuseLimitsHostFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Forty_concurrent_subscribes_of_one_address_send_one_mail_and_leave_one_record()
    {
        var victim = SmtpCaptureFixture.NewRecipient("victim");
        var body = new { channel = "email", email = victim, pillars = new[] { "protection-of-civilians" } };

        var clients = Enumerable.Range(0, 40).Select(_ => Burst.NewClient(host.BaseAddress)).ToList();
        var responses = await Burst.PostJsonAsync("api/subscriptions", clients.Select(c => ((object)body, c)).ToList());

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        clients.ForEach(c => c.Dispose());
        Assert.Single(await host.Smtp.WaitForAsync(victim, 1, TimeSpan.FromSeconds(10)));
        await Task.Delay(Settle);
        Assert.Single(host.Smtp.To(victim));

        // The racers created nothing: one subscriber, one manage token, one confirmation token.
        var id = "e" + EmailAddress.Hash(victim);
        Assert.True((await host.Table("Subscribers").GetEntityIfExistsAsync<TableEntity>(id, "")).HasValue);
        var tokens = await host.Table("SubscriberTokens").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"SubscriberId eq {id}")).ToListAsync();
        Assert.Equal(["Confirm", "Manage"], tokens.Select(t => t.GetString("Purpose")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_client_gets_its_permits_then_429_with_retry_after_and_no_more_mail()
    {
        using var client = Burst.NewClient(host.BaseAddress);
        var addresses = Enumerable.Range(0, 30).Select(i => SmtpCaptureFixture.NewRecipient("bomb" + i)).ToList();

        var responses = await Burst.PostJsonAsync("api/subscriptions", addresses.Select(a => ((object)new { channel = "email", email = a, pillars = new[] { "protection-of-civilians" } }, client)).ToList());

        Assert.Equal(AbuseLimitsHostFixture.ClientPermits, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(30 - AbuseLimitsHostFixture.ClientPermits, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        await Task.Delay(Settle);
        Assert.Equal(AbuseLimitsHostFixture.ClientPermits, addresses.Sum(a => host.Smtp.To(a).Count));

        // The same client is refused on the subscribe form too: the limit covers every endpoint that sends mail.
        using var form = await client.PostAsync("api/subscribe", new FormUrlEncodedContent([new("channel", "email"), new("email", SmtpCaptureFixture.NewRecipient()), new("pillars", "protection-of-civilians")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.NotNull(form.Headers.RetryAfter);
    }

    [Fact]
    public async Task Webhook_creation_verification_and_rotation_share_the_client_limit()
    {
        using var client = Burst.NewClient(host.BaseAddress);
        var endpoint = host.Webhooks.CreateEndpoint();
        endpoint.Responder = TourTests.EchoValidationCode;
        var body = new { channel = "webhook", url = endpoint.Url, pillars = new[] { "protection-of-civilians" } };

        var responses = await Burst.PostJsonAsync("api/subscriptions", Enumerable.Range(0, 20).Select(_ => ((object)body, client)).ToList());

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Equal(AbuseLimitsHostFixture.ClientPermits, created.Count);
        Assert.Equal(20 - AbuseLimitsHostFixture.ClientPermits, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        await Task.Delay(Settle);
        Assert.Equal(AbuseLimitsHostFixture.ClientPermits, endpoint.Requests.Count);

        var manage = new Uri((await created[0].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("manageUrl").GetString()!);
        using var verify = await client.PostAsync(manage.AbsolutePath + "/verify", null);
        using var rotate = await client.PostAsync(manage.AbsolutePath + "/rotate-secret", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, verify.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rotate.StatusCode);
        Assert.Equal(AbuseLimitsHostFixture.ClientPermits, endpoint.Requests.Count);

        using var other = Burst.NewClient(host.BaseAddress);
        using var otherVerify = await other.PostAsync(manage.AbsolutePath + "/verify", null);
        Assert.Equal(HttpStatusCode.OK, otherVerify.StatusCode);
    }
}
