using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

/// <summary>Delivery end to end with the ledger spread over eight partitions per publication: still never twice.</summary>
public sealed class ShardedDeliveryTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    [Fact]
    public async Task A_release_queued_twice_and_drained_three_times_at_once_notifies_each_subscriber_once()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:LedgerShards"] = "8" });
        var endpoint = webhooks.Receiver.CreateEndpoint();
        var hooks = new List<TestSubscriber>();
        for (var i = 0; i < 30; i++)
        {
            hooks.Add(await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ProtectionOfCivilians]));
        }

        var readers = new List<TestSubscriber>();
        for (var i = 0; i < 10; i++)
        {
            readers.Add(await app.AddSubscriberAsync(SmtpCaptureFixture.NewRecipient("shard"), [PillarCatalog.ProtectionOfCivilians]));
        }

        var id = await app.ReleaseAsync("Civilians in besieged towns", PillarCatalog.ProtectionOfCivilians);
        await app.Drains.DrainFanOutAsync(CancellationToken.None);

        // A resend before anything is delivered queues every delivery a second time; three drains race for both copies.
        Assert.Equal(202, (await app.AdminAsync("POST", $"/api/manage/publications/{id}/resend")).StatusCode);
        await app.Drains.DrainFanOutAsync(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.Drains.DrainDeliveriesAsync(CancellationToken.None)));
        await app.DrainAsync();

        var requests = await endpoint.WaitForAsync(30, TimeSpan.FromSeconds(30));
        Assert.Equal(30, requests.Select(r => r.Header("webhook-id")).Distinct().Count());
        foreach (var reader in readers)
        {
            await smtp.Server.WaitForAsync(reader.Address, 1, TimeSpan.FromSeconds(30));
        }

        await Task.Delay(500);
        Assert.Equal(30, endpoint.Requests.Count);
        Assert.All(readers, r => Assert.Single(smtp.Server.To(r.Address)));
        var ledger = await app.LedgerAsync(id);
        Assert.Equal(40, ledger.Count);
        Assert.All(ledger, r => Assert.Equal((DeliveryStatus.Delivered, 1), (r.Status, r.Attempts)));
        Assert.Equal(hooks.Select(h => h.Id).Concat(readers.Select(r => r.Id)).Order(StringComparer.Ordinal), ledger.Select(r => r.SubscriberId).Order(StringComparer.Ordinal));
    }
}
