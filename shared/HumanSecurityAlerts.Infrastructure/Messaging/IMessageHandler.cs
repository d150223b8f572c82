using Azure.Messaging.ServiceBus;

namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// Handles one received message and says how to settle it. Independent of how the message was received: today a
/// <see cref="MessageDrain"/> over a peek-lock receiver, tomorrow possibly a Service Bus trigger binding the same
/// <see cref="ServiceBusReceivedMessage"/> and settling through its message actions.
/// </summary>
internal interface IMessageHandler
{
    Task<MessageDecision> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>The copy to schedule for <see cref="MessageSettlement.Reschedule"/> (it needs a MessageId of its own: the entity detects duplicates).</summary>
    ServiceBusMessage CreateRetry(ServiceBusReceivedMessage message, MessageDecision decision);
}
