using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.Webhooks;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>
/// Faults injected into the real parts — the worker process, the broker link, the SMTP server, the webhook receivers,
/// Azurite — while two releases reach every subscriber. Each scenario asserts nothing is lost and that a delivery goes
/// out under one <c>webhook-id</c> however often it is sent, and adds its row (lost, duplicates, recovery time, what the
/// logs said) to the suite's table. The scenarios run one after another on one host (one test class).
/// </summary>
public sealed class FaultInjectionTests(FaultSuiteFixture host, ITestOutputHelper output) : IClassFixture<FaultSuiteFixture>
{
    private static readonly FaultScale Scale = FaultScale.Current;

    /// <summary>Long enough for the last retry step that can follow the longest outage.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Worker_killed_mid_fan_out()
    {
        var run = await ScenarioRun.StartAsync(host, "1. functions process killed (SIGKILL) mid-fan-out, restarted");
        await run.ReleaseAsync();
        await run.WaitUntilReceivedAsync(1, Recovery);
        var ended = await KillWorkerAsync();
        await ReportAsync(run, ended);
    }

    [Fact]
    public async Task Worker_killed_mid_delivery()
    {
        var run = await ScenarioRun.StartAsync(host, "2. functions process killed (SIGKILL) mid-delivery, restarted");
        host.EventReply = () => WebhookReply.Slow(TimeSpan.FromMilliseconds(200));
        try
        {
            await run.ReleaseAsync();
            await run.WaitUntilReceivedAsync(run.Expected / 2, Recovery);
            var ended = await KillWorkerAsync();
            await ReportAsync(run, ended);
        }
        finally
        {
            host.EventReply = () => WebhookReply.Ok;
        }
    }

    [Fact]
    public async Task Smtp_down_then_back()
    {
        var run = await ScenarioRun.StartAsync(host, $"3. SMTP down {Scale.SmtpOutage.TotalSeconds:0} s (refused, then 421), then back");
        host.SmtpLink.Cut();
        try
        {
            await run.ReleaseAsync();
            await Task.Delay(Scale.SmtpOutage / 2);
            host.SmtpLink.Restore();
            host.Smtp.RefuseAll(421);
            await Task.Delay(Scale.SmtpOutage / 2);
        }
        finally
        {
            host.SmtpLink.Restore();
            host.Smtp.RefuseAll(null);
        }

        await ReportAsync(run, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Webhooks_failing_then_back()
    {
        var run = await ScenarioRun.StartAsync(host, $"4. webhooks answer 503, then hang past the {FaultSuiteFixture.WebhookTimeout.TotalSeconds:0} s timeout, then reset, {Scale.Outage.TotalSeconds:0} s each, then 200");
        try
        {
            host.EventReply = () => WebhookReply.Status(503);
            await run.ReleaseAsync();
            await Task.Delay(Scale.Outage);
            host.EventReply = () => WebhookReply.Slow(FaultSuiteFixture.WebhookTimeout + TimeSpan.FromSeconds(2), 503);
            await Task.Delay(Scale.Outage);
            host.EventReply = WebhookReply.Reset;
            await Task.Delay(Scale.Outage);
        }
        finally
        {
            host.EventReply = () => WebhookReply.Ok;
        }

        await ReportAsync(run, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Service_bus_unreachable_when_released()
    {
        var run = await ScenarioRun.StartAsync(host, $"5. Service Bus unreachable for {Scale.Outage.TotalSeconds:0} s, releases posted meanwhile (201)");
        host.ServiceBusLink.Cut();
        try
        {
            await run.ReleaseAsync();
            await Task.Delay(Scale.Outage);
        }
        finally
        {
            host.ServiceBusLink.Restore();
        }

        await ReportAsync(run, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Azurite_stopped_and_restarted_during_delivery()
    {
        var run = await ScenarioRun.StartAsync(host, $"6. Azurite killed mid-delivery, restarted on its data {Scale.Outage.TotalSeconds:0} s later");
        host.EventReply = () => WebhookReply.Slow(TimeSpan.FromMilliseconds(200));
        try
        {
            await run.ReleaseAsync();
            await run.WaitUntilReceivedAsync(run.Expected / 3, Recovery);
            await host.Storage.StopAsync();
            await Task.Delay(Scale.Outage);
        }
        finally
        {
            await host.Storage.StartAsync();
            host.EventReply = () => WebhookReply.Ok;
        }

        await ReportAsync(run, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Poison_messages_among_good_ones()
    {
        var run = await ScenarioRun.StartAsync(host, "7. three undecodable delivery messages among the good ones");
        await using (var client = new ServiceBusClient(host.ServiceBus.ConnectionString))
        await using (var sender = client.CreateSender(host.DeliveriesQueue))
        {
            await sender.SendMessagesAsync(
            [
                new ServiceBusMessage("not json at all"),
                new ServiceBusMessage(BinaryData.FromBytes([0xFF, 0xFE, 0x00, 0x01])) { ContentType = "application/json" },
                new ServiceBusMessage("""{"publicationId":42}""") { ContentType = "application/json" },
            ]);
        }

        await run.ReleaseAsync();
        var outcome = await ReportAsync(run, DateTimeOffset.UtcNow);
        Assert.Equal(3, outcome.DeadLettered);
    }

    /// <summary>SIGKILL to the worker; the fault ends when the host has a new worker.</summary>
    private async Task<DateTimeOffset> KillWorkerAsync()
    {
        var starts = host.Worker.Starts;
        using (var worker = Process.GetProcessById(host.Worker.ProcessId!.Value))
        {
            worker.Kill();
        }

        var killed = Stopwatch.StartNew();
        while (host.Worker.Starts == starts)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromMinutes(1), "The host did not restart the worker.");
            await Task.Delay(50);
        }

        return DateTimeOffset.UtcNow;
    }

    private async Task<FaultOutcome> ReportAsync(ScenarioRun run, DateTimeOffset faultEnded)
    {
        var outcome = await run.FinishAsync(faultEnded, Recovery);
        host.Report.Add(outcome);
        output.WriteLine(host.Report.ToMarkdown());
        output.WriteLine($"(also in {host.Report.FilePath} when the suite ends)");
        Assert.Equal(0, outcome.Lost);
        Assert.True(outcome.MostWebhookIdsPerDelivery <= 1, "A subscriber got one release under two webhook-ids.");
        return outcome;
    }
}
