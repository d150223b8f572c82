using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;

namespace HumanSecurityAlerts.Delivery;

/// <summary>Handles a message of the deliveries queue (<see cref="DeliveryMessage"/>) with <see cref="DeliveryService"/>.</summary>
internal sealed class DeliveryMessageHandler(DeliveryService deliveries) : IMessageHandler
{
    public Task<MessageDecision> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return DeliveryMessage.TryRead(message, out var request)
            ? deliveries.HandleAsync(request, cancellationToken)
            : Task.FromResult(MessageDecision.DeadLetter("InvalidMessage", "The delivery message lacks its delivery, publication or subscriber id, or its channel."));
    }

    public ServiceBusMessage CreateRetry(ServiceBusReceivedMessage message, MessageDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!DeliveryMessage.TryRead(message, out var request))
        {
            throw new InvalidOperationException("Not a delivery message.");
        }

        return DeliveryMessage.Copy(message, request, request.Run, decision.NextAttempt);
    }
}
