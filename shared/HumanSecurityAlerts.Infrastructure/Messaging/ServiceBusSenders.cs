using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// The process's senders, one per entity, made here only: a sender is thread-safe and holds one AMQP link, so every
/// feature that sends to the topic or the queue shares it, and the container disposes them once.
/// </summary>
internal sealed class ServiceBusSenders(ServiceBusClient client, IOptions<ServiceBusOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusSender>> senders = new(StringComparer.Ordinal);

    public ServiceBusSender PublicationsTopic => For(options.Value.PublicationsTopic);

    public ServiceBusSender DeliveriesQueue => For(options.Value.DeliveriesQueue);

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in senders.Values.Where(s => s.IsValueCreated))
        {
            await sender.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ServiceBusSender For(string entity) =>
        senders.GetOrAdd(entity, e => new Lazy<ServiceBusSender>(() => client.CreateSender(e))).Value;
}
