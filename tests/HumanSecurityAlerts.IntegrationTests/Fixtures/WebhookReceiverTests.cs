using System.Net;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.IntegrationTests.Fixtures;

public sealed class WebhookReceiverTests(WebhookReceiverFixture webhooks) : IClassFixture<WebhookReceiverFixture>
{
    [Fact]
    public async Task Records_requests_and_answers_as_scripted()
    {
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(WebhookReply.Status(503), WebhookReply.Reset());
        using var http = new HttpClient();

        using var first = await http.PostAsync(endpoint.Url, new StringContent("{\"n\":1}"));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(endpoint.Url, new StringContent("{\"n\":2}")));
        using var third = await http.PostAsync(endpoint.Url, new StringContent("{\"n\":3}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var recorded = await endpoint.WaitForAsync(3, TimeSpan.FromSeconds(5));
        Assert.Equal(["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"], recorded.Select(r => r.BodyText));
    }
}
