using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;

namespace HumanSecurityAlerts.Delivery;

/// <summary>Sends delivery requests to the deliveries queue in <see cref="ServiceBusMessageBatch"/>es filled to the broker's size limit.</summary>
internal sealed class ServiceBusDeliveryDispatcher(ServiceBusSenders senders) : IDeliveryDispatcher
{
    public ServiceBusSender Sender => senders.DeliveriesQueue;

    public async Task SendAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return;
        }

        // A page of subscribers fills several batches: they are filled first and sent together, so the page costs one
        // round trip to the broker rather than one per batch. A failure fails the page, which is sent again whole (the
        // MessageIds are deterministic, so the queue's duplicate detection absorbs what had gone out).
        var batches = new List<ServiceBusMessageBatch>();
        try
        {
            var batch = await Sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            batches.Add(batch);
            foreach (var request in requests)
            {
                var message = DeliveryMessage.Create(request);
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                batch = await Sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                batches.Add(batch);
                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException($"Delivery message {message.MessageId} does not fit in an empty batch.");
                }
            }

            await Task.WhenAll(batches.Select(b => Sender.SendMessagesAsync(b, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var b in batches)
            {
                b.Dispose();
            }
        }
    }
}
