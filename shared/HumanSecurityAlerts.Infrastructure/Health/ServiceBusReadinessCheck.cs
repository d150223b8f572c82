using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Health;

/// <summary>One peek on the deliveries queue.</summary>
internal sealed class ServiceBusReadinessCheck(ServiceBusClient bus, IOptions<ServiceBusOptions> options) : IReadinessCheck, IAsyncDisposable
{
    // One receiver for every probe: the SDK recovers its link after an outage, and a probe opens no new one.
    private readonly Lazy<ServiceBusReceiver> receiver = new(() => bus.CreateReceiver(options.Value.DeliveriesQueue, new ServiceBusReceiverOptions { PrefetchCount = 0 }));

    public string Name => "serviceBus";

    public Task CheckAsync(CancellationToken cancellationToken) => receiver.Value.PeekMessageAsync(cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (receiver.IsValueCreated)
        {
            await receiver.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
