using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HumanSecurityAlerts.Testing.Webhooks;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// kill -9 of the worker process while it fans a release out, and while it delivers: the host reports the crash and
/// starts a new worker, the messages the dead one held come back when their locks expire, and every subscriber gets the
/// release under one delivery id. A delivery whose webhook went out just before the kill, with its ledger row not yet
/// written, goes out again under the same id (at least once; Standard Webhooks receivers dedupe on <c>webhook-id</c>):
/// at most one per delivery in flight, and two drains may be delivering (the release's kick and the timer's), each
/// <see cref="WorkerCrashFixture.DeliveryConcurrency"/> at a time.
/// </summary>
public abstract class WorkerCrashTest(WorkerCrashFixture host, ITestOutputHelper output)
{
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    protected WorkerCrashFixture Host => host;

    protected async Task KillWorkerAndCheckRecoveryAsync(IReadOnlyList<WebhookEndpoint> subscribers, string publicationId, string atKill)
    {
        var starts = host.Worker.Starts;
        using (var worker = Process.GetProcessById(host.Worker.ProcessId!.Value))
        {
            worker.Kill(); // SIGKILL
        }

        var killed = Stopwatch.StartNew();
        while (host.Worker.Starts == starts)
        {
            Assert.True(killed.Elapsed < Timeout, "The host did not restart the worker.");
            await Task.Delay(50);
        }

        var restartedAfter = killed.Elapsed;

        // Everyone is notified once the ledger says so: after that no copy of a delivery sends anything.
        while (await DeliveredAsync(publicationId) < WorkerCrashFixture.SubscriberCount)
        {
            Assert.True(killed.Elapsed < Timeout, $"Not everyone was notified after the kill ({atKill}).");
            await Task.Delay(200);
        }

        var allDeliveredAfter = killed.Elapsed;
        var events = subscribers.Select(e => Events(e, publicationId)).ToList();
        Assert.All(events, e => Assert.NotEmpty(e));
        Assert.All(events, e => Assert.Single(e.Select(r => r.Header("webhook-id")).Distinct()));
        var repeats = events.Sum(e => e.Count - 1);
        Assert.InRange(repeats, 0, 2 * WorkerCrashFixture.DeliveryConcurrency);
        output.WriteLine($"killed when {atKill}; worker restarted after {restartedAfter.TotalSeconds:0.0} s; all {WorkerCrashFixture.SubscriberCount} notified {allDeliveredAfter.TotalSeconds:0.0} s after the kill; lost 0; same delivery id sent again: {repeats}");
    }

    protected async Task<string> ReleaseAsync(string tag)
    {
        var url = $"https://www.nato.int/cps/fr/natohq/news_181779.htm?crash={tag}-{Guid.NewGuid():N}";
        using var released = await SeedRelease.PostAsync(host, json => json.Replace("https://www.nato.int/cps/fr/natohq/news_181779.htm", url, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        return (await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    protected async Task<JsonElement> ReportAsync(string publicationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/manage/deliveries?publicationId={publicationId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<int> DeliveredAsync(string publicationId) =>
        (await ReportAsync(publicationId)).GetProperty("counts").TryGetProperty("delivered", out var delivered) ? delivered.GetInt32() : 0;

    protected static List<RecordedRequest> Events(WebhookEndpoint endpoint, string publicationId) =>
        endpoint.Requests.Where(r =>
        {
            using var document = JsonDocument.Parse(r.Body);
            var root = document.RootElement;
            return root.GetProperty("type").GetString() == "publication.released"
                && root.GetProperty("data").GetProperty("publication").GetProperty("id").GetString() == publicationId;
        }).ToList();
}
