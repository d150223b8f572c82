using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Messaging;

namespace HumanSecurityAlerts.Drains;

/// <summary>Handles a message of the deliveries queue (<see cref="DeliveryMessage"/>) with <see cref="DeliveryService"/>.</summary>
internal sealed class DeliveryMessageHandler(DeliveryService deliveries, ServiceTelemetry telemetry, ReleaseSummary summary) : IMessageHandler
{
    public async Task<MessageDecision> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var decision = DeliveryMessage.TryRead(message, out var request)
            ? await deliveries.HandleAsync(request, cancellationToken).ConfigureAwait(false)
            : MessageDecision.DeadLetter("InvalidMessage", "The delivery message lacks its delivery, publication or subscriber id, or its channel.");

        // A rescheduled retry is still owed; anything else leaves the backlog.
        if (decision.Settlement is MessageSettlement.Complete or MessageSettlement.DeadLetter)
        {
            telemetry.Backlog.Add(-1);
            if (request is not null)
            {
                summary.Touched(request.PublicationId);
            }
        }

        return decision;
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
