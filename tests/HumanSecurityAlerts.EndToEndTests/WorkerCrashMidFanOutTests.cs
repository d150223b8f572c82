using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>kill -9 of the worker while it fans a release out (see <see cref="WorkerCrashTest"/>).</summary>
public sealed class WorkerCrashMidFanOutTests(WorkerCrashFixture host, ITestOutputHelper output)
    : WorkerCrashTest(host, output), IClassFixture<WorkerCrashFixture>
{
    [Fact]
    public async Task Killing_the_worker_mid_fan_out_loses_nothing_and_notifies_nobody_twice()
    {
        var subscribers = await Host.Subscribers;
        Host.EventDelay = TimeSpan.Zero;
        var publicationId = await ReleaseAsync("fan-out");

        // One subscriber per page: kill once the fan-out has queued some deliveries and not all.
        var stopwatch = Stopwatch.StartNew();
        long queued;
        while (true)
        {
            var fanOut = (await ReportAsync(publicationId)).GetProperty("fanOut");
            Assert.False(fanOut.ValueKind == JsonValueKind.Object && fanOut.GetProperty("completed").GetBoolean(), "The fan-out ended before the worker could be killed in its middle.");
            if (fanOut.ValueKind == JsonValueKind.Object && (queued = fanOut.GetProperty("queued").GetInt64()) > 0)
            {
                break;
            }

            Assert.True(stopwatch.Elapsed < Timeout, "The fan-out did not start.");
            await Task.Delay(10);
        }

        await KillWorkerAndCheckRecoveryAsync(subscribers, publicationId, $"fan-out had queued {queued} of {WorkerCrashFixture.SubscriberCount} deliveries");
    }
}
