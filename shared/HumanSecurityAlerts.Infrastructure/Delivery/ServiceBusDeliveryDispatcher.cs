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

        var batch = await Sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var request in requests)
            {
                var message = DeliveryMessage.Create(request);
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                await Sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Dispose();
                batch = await Sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException($"Delivery message {message.MessageId} does not fit in an empty batch.");
                }
            }

            if (batch.Count > 0)
            {
                await Sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }
}
