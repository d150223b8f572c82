using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>An immutable view of a <see cref="BrokerMessage"/> at the moment it is delivered or peeked.</summary>
internal sealed record MessageSnapshot(
    MessageEnvelope Envelope,
    long SequenceNumber,
    DateTimeOffset EnqueuedTime,
    int DeliveryCount,
    DateTimeOffset? LockedUntil,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription,
    IReadOnlyDictionary<string, object>? PropertyOverrides)
{
    /// <summary>The value of <see cref="AmqpNames.MessageState"/> the clients read as Scheduled (Active is 0, Deferred 1).</summary>
    private const int ScheduledState = 2;

    /// <summary>Held until it falls due: peek lists it with this state.</summary>
    public bool IsScheduled { get; private init; }

    /// <summary>A scheduled message, which has no enqueued time yet: the time it will be enqueued stands in for it.</summary>
    public static MessageSnapshot ForScheduled(MessageEnvelope envelope, long sequenceNumber, DateTimeOffset due) =>
        new(envelope, sequenceNumber, due, 0, null, null, null, null) { IsScheduled = true };

    /// <summary>
    /// Builds the AMQP message to send: the client's bytes with the broker's annotations and header.
    /// A stream message re-encodes its non-body sections on send and keeps the body bytes as they are.
    /// </summary>
    public AmqpMessage ToAmqpMessage()
    {
        AmqpMessage message = AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream([new ArraySegment<byte>(Envelope.Payload)]));
        message.Header.DeliveryCount = (uint)DeliveryCount;
        var annotations = message.MessageAnnotations.Map;
        annotations[AmqpNames.SequenceNumber] = SequenceNumber;
        annotations[AmqpNames.EnqueuedTime] = EnqueuedTime.UtcDateTime;
        if (LockedUntil is { } lockedUntil)
        {
            annotations[AmqpNames.LockedUntil] = lockedUntil.UtcDateTime;
        }

        if (IsScheduled)
        {
            // An int: the .NET client unboxes the annotation as one.
            annotations[AmqpNames.MessageState] = ScheduledState;
        }

        if (DeadLetterReason is not null || DeadLetterErrorDescription is not null || PropertyOverrides is not null)
        {
            message.ApplicationProperties ??= new ApplicationProperties();
            var properties = message.ApplicationProperties.Map;
            foreach ((string key, object value) in PropertyOverrides ?? new Dictionary<string, object>())
            {
                properties[key] = value;
            }

            if (DeadLetterReason is not null)
            {
                properties[AmqpNames.DeadLetterReasonProperty] = DeadLetterReason;
            }

            if (DeadLetterErrorDescription is not null)
            {
                properties[AmqpNames.DeadLetterErrorDescriptionProperty] = DeadLetterErrorDescription;
            }
        }

        return message;
    }

    /// <summary>The encoded message, as the management peek operation returns it.</summary>
    public ArraySegment<byte> Encode()
    {
        using AmqpMessage message = ToAmqpMessage();
        using var stream = new BufferListStream(message.GetPayload());
        return stream.ReadBytes((int)stream.Length);
    }
}
