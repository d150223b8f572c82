using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests.Delivery;

/// <summary>
/// Retries are attempted when due, not at the next tick of the 30-second delivery timer: the process that schedules a
/// retry wakes a drain for it.
/// </summary>
public sealed class RetryTimingTests(RetryTimingHostFixture host, ITestOutputHelper output) : IClassFixture<RetryTimingHostFixture>
{
    // A retry is never attempted early. Late by up to 3 s on a loaded two-core CI machine (1.7 s seen there, while
    // browser tests ran alongside); waiting for the delivery timer instead would make it late by up to 30 s.
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_webhook_answering_503_503_then_200_is_retried_after_5_then_7_seconds_with_one_webhook_id()
    {
        var endpoint = host.Webhooks.CreateEndpoint();
        endpoint.Responder = TourTests.EchoValidationCode;
        using (var created = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars = new[] { "protection-of-civilians" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        endpoint.Script(WebhookReply.Status(503), WebhookReply.Status(503));
        endpoint.Responder = null;
        await ReleaseAsync("webhook");

        var events = await WaitForAsync(() => endpoint.Requests.Where(r => !r.BodyText.Contains("subscription.validation", StringComparison.Ordinal)).ToList(), 3);

        Assert.Single(events.Select(e => e.Header("webhook-id")).Distinct());
        AssertGaps(events.Select(e => e.ReceivedAt).ToList());
    }

    [Fact]
    public async Task An_email_refused_with_421_twice_is_retried_after_5_then_7_seconds()
    {
        var reader = SmtpCaptureFixture.NewRecipient("retried");
        using (var subscribed = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = reader, pillars = new[] { "protection-of-civilians" } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, subscribed.StatusCode);
        }

        var confirmation = (await host.Smtp.WaitForAsync(reader, 1, TimeSpan.FromSeconds(10))).Single();
        using (var confirmed = await EmailConfirmation.ConfirmAsync(host.Http, confirmation))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        host.Smtp.ReplyTo(reader, 421, 421);
        await ReleaseAsync("email");

        var attempts = await WaitForAsync(() => host.Smtp.AttemptsTo(reader).Skip(1).ToList(), 3);

        AssertGaps(attempts);
        Assert.Equal(2, host.Smtp.To(reader).Count); // the confirmation and the alert, once
    }

    private void AssertGaps(IReadOnlyList<DateTimeOffset> attempts)
    {
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        output.WriteLine(string.Join(", ", gaps.Select(g => g.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s")));
        Assert.Equal(2, gaps.Count);
        for (var i = 0; i < gaps.Count; i++)
        {
            Assert.InRange(gaps[i], RetryTimingHostFixture.Delays[i] - Early, RetryTimingHostFixture.Delays[i] + Late);
        }
    }

    private async Task ReleaseAsync(string tag)
    {
        using var release = new HttpRequestMessage(HttpMethod.Post, "api/manage/publications")
        {
            Content = JsonContent.Create(new
            {
                title = "Protection of civilians in armed conflict: new guidance " + tag,
                url = $"https://www.example.org/poc/{Guid.NewGuid():N}",
                language = "en",
                text = "Guidance for commanders on how to keep people out of harm's way during operations.",
                pillars = new[] { "protection-of-civilians" },
            }),
        };
        release.Headers.Authorization = new("Bearer", host.AdminKey);
        using var response = await host.Http.SendAsync(release);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<IReadOnlyList<T>> WaitForAsync<T>(Func<IReadOnlyList<T>> read, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (read().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var items = read();
        Assert.True(items.Count >= count, $"Expected {count} attempts within 40 s, saw {items.Count}.");
        return items.Take(count).ToList();
    }
}
