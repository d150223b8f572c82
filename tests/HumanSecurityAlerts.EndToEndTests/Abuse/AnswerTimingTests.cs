using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HumanSecurityAlerts.Testing.Email;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

public sealed class AnswerTimingTests(LocalHostFixture host, ITestOutputHelper output) : IClassFixture<LocalHostFixture>
{
    /// <summary>Subscriptions:EmailAnswerTime of the local run (its default).</summary>
    private static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task New_pending_throttled_and_active_addresses_are_answered_alike_and_not_before_the_answer_time()
    {
        var active = SmtpCaptureFixture.NewRecipient("active");
        await SubscribeAsync(active);
        var confirmation = (await host.Smtp.WaitForAsync(active, 1, TimeSpan.FromSeconds(10))).Single();
        using (var confirmed = await EmailConfirmation.ConfirmAsync(host.Http, confirmation))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var pending = SmtpCaptureFixture.NewRecipient("pending");
        await SubscribeAsync(pending);

        var timings = new Dictionary<string, List<TimeSpan>> { ["new"] = [], ["throttled (pending)"] = [], ["active, reminded"] = [] };
        for (var i = 0; i < 3; i++)
        {
            timings["new"].Add((await SubscribeAsync(SmtpCaptureFixture.NewRecipient("new"))).Elapsed);
            timings["throttled (pending)"].Add((await SubscribeAsync(pending)).Elapsed);
        }

        timings["active, reminded"].Add((await SubscribeAsync(active)).Elapsed);
        foreach (var (kind, values) in timings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {string.Join(", ", values.Select(v => $"{v.TotalMilliseconds:F0} ms"))}"));
            Assert.All(values, v => Assert.True(v >= AnswerTime, $"{kind} answered in {v.TotalMilliseconds} ms, before the equalised answer time"));
        }
    }

    private async Task<(HttpResponseMessage Response, TimeSpan Elapsed)> SubscribeAsync(string address)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await host.Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = address, pillars = new[] { "protection-of-civilians" } });
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (response, elapsed);
    }
}
