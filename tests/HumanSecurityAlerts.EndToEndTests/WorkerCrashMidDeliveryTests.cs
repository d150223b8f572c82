using System.Diagnostics;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>kill -9 of the worker while it delivers a release (see <see cref="WorkerCrashTest"/>).</summary>
public sealed class WorkerCrashMidDeliveryTests(WorkerCrashFixture host, ITestOutputHelper output)
    : WorkerCrashTest(host, output), IClassFixture<WorkerCrashFixture>
{
    [Fact]
    public async Task Killing_the_worker_mid_delivery_loses_nothing_and_notifies_nobody_twice()
    {
        var subscribers = await Host.Subscribers;
        Host.EventDelay = TimeSpan.FromMilliseconds(300);
        var publicationId = await ReleaseAsync("delivery");

        // Slow receivers and a few deliveries at a time: kill with about a third delivered, some in flight.
        var stopwatch = Stopwatch.StartNew();
        int received;
        while ((received = subscribers.Count(e => Events(e, publicationId).Count > 0)) < WorkerCrashFixture.SubscriberCount / 3)
        {
            Assert.True(stopwatch.Elapsed < Timeout, "Deliveries did not start.");
            await Task.Delay(10);
        }

        await KillWorkerAndCheckRecoveryAsync(subscribers, publicationId, $"{received} of {WorkerCrashFixture.SubscriberCount} subscribers had received the release");
    }
}
