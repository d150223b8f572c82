using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

public sealed class FanOutResumeTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task A_fan_out_killed_in_the_middle_of_a_batch_resumes_and_notifies_everyone_exactly_once()
    {
        CancellingDispatcher? dispatcher = null;
        await using var app = DeliveryApp.Create(
            azurite,
            bus,
            smtp,
            new Dictionary<string, string?> { ["FanOut:PageSize"] = "4" },
            services => services.AddSingleton<IDeliveryDispatcher>(sp => dispatcher = new CancellingDispatcher(sp.GetRequiredService<ServiceBusDeliveryDispatcher>())),
            fanOutLock: TimeSpan.FromSeconds(2));
        const string A = PillarCatalog.ProtectionOfCivilians;
        const string B = PillarCatalog.ChildrenAndArmedConflict;
        var subscribers = new List<TestSubscriber>();
        for (var i = 0; i < 10; i++)
        {
            subscribers.Add(await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("s" + i), i < 3 ? [A, B] : [A]));
        }

        subscribers.Add(await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("b1"), [B]));
        subscribers.Add(await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("b2"), [B]));
        var id = await app.ReleaseAsync("Civilians and children", A, B);

        // Killed while sending the second page: half of its batch went out, then the process "died".
        using var kill = new CancellationTokenSource();
        app.Host.Services.GetRequiredService<IDeliveryDispatcher>();
        dispatcher!.KillDuringCall(2, kill);
        await app.Drains.DrainFanOutAsync(kill.Token);
        Assert.Equal(4 + 2, dispatcher.Sent);

        // The unsettled message comes back once its lock expires; the fan-out resumes from its last finished page.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await app.DrainAsync();

        foreach (var s in subscribers)
        {
            await smtp.Server.WaitForAsync(s.Address, 1, TimeSpan.FromSeconds(20));
        }

        await app.DrainAsync();
        Assert.All(subscribers, s => Assert.Single(smtp.Server.To(s.Address)));
        var ledger = await app.LedgerAsync(id);
        Assert.Equal(12, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((DeliveryStatus.Delivered, 1), (r.Status, r.Attempts)));
        Assert.Contains(app.Logs.Lines, l => l.Contains("Resuming fan-out of publication " + id, StringComparison.Ordinal));
    }

    /// <summary>Passes sends through; on the chosen call sends half of the batch, then cancels (a crash mid-batch).</summary>
    private sealed class CancellingDispatcher(IDeliveryDispatcher inner) : IDeliveryDispatcher
    {
        private int calls;
        private int killAt;
        private CancellationTokenSource? kill;

        public int Sent { get; private set; }

        public void KillDuringCall(int call, CancellationTokenSource source) => (killAt, kill) = (call, source);

        public async Task SendAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken)
        {
            if (++calls == killAt && kill is not null)
            {
                var half = requests.Take(requests.Count / 2).ToList();
                await inner.SendAsync(half, cancellationToken);
                Sent += half.Count;
                await kill.CancelAsync();
                kill.Token.ThrowIfCancellationRequested();
            }

            await inner.SendAsync(requests, cancellationToken);
            Sent += requests.Count;
        }
    }
}
