using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A client's receive link on a <see cref="MessageQueue"/>: delivers messages and turns its dispositions into settlements.</summary>
internal sealed class MessageConsumer
{
    private readonly MessageQueue queue;
    private readonly SendingAmqpLink link;

    public MessageConsumer(MessageQueue queue, SendingAmqpLink link)
    {
        this.queue = queue;
        this.link = link;
        ReceiveAndDelete = link.Settings.SettleType == SettleMode.SettleOnSend;
        link.RegisterCreditListener((_, _, _) => this.queue.RequestDispatch());
        link.RegisterDispositionListener(OnDisposition);
        link.Closed += (_, _) => this.queue.RemoveConsumer(this);
    }

    public bool ReceiveAndDelete { get; }

    /// <summary>
    /// Credit the client granted that no message uses yet. Messages handed to the link but still waiting
    /// for credit count as used, so a message is never parked on a link while another consumer could take it.
    /// </summary>
    public uint AvailableCredit => this.link.LinkCredit > this.link.Available ? this.link.LinkCredit - this.link.Available : 0;

    public void Send(MessageSnapshot snapshot, Guid lockToken)
    {
        AmqpMessage message = snapshot.ToAmqpMessage();
        message.Settled = ReceiveAndDelete;
        this.link.SendMessageNoWait(message, new ArraySegment<byte>(lockToken.ToByteArray()), AmqpConstants.NullBinary);
    }

    private void OnDisposition(Delivery delivery)
    {
        var lockToken = new Guid(delivery.DeliveryTag.AsSpan());
        DeliveryState? reply = delivery.State switch
        {
            Accepted => Reply(this.queue.Complete(lockToken)),
            Released => Reply(this.queue.Release(lockToken)),
            Rejected rejected => Reply(DeadLetter(lockToken, rejected.Error)),
            Modified { UndeliverableHere: true } => new Rejected { Error = new Error { Condition = AmqpErrorCode.NotImplemented, Description = "Deferral is not supported by the local broker." } },
            Modified modified => Reply(this.queue.Abandon(lockToken, ToDictionary(modified.MessageAnnotations))),
            _ => null,
        };

        if (reply is not null && !delivery.Settled)
        {
            this.link.DisposeDelivery(delivery, true, reply);
        }
    }

    // Answer a settlement with Accepted whatever the client's outcome was: echoing Rejected would make DeadLetterMessageAsync throw.
    private static DeliveryState Reply(bool settled) => settled
        ? AmqpConstants.AcceptedOutcome
        : new Rejected { Error = new Error { Condition = AmqpNames.MessageLockLost, Description = MessageQueue.LockLostDescription } };

    private bool DeadLetter(Guid lockToken, Error? error)
    {
        string? reason = null;
        string? description = null;
        var overrides = new Dictionary<string, object>(StringComparer.Ordinal);
        if (error?.Info is { } info)
        {
            foreach (KeyValuePair<Microsoft.Azure.Amqp.Encoding.MapKey, object> pair in info)
            {
                string key = pair.Key.Key.ToString()!;
                switch (key)
                {
                    case AmqpNames.DeadLetterReasonProperty:
                        reason = pair.Value as string;
                        break;
                    case AmqpNames.DeadLetterErrorDescriptionProperty:
                        description = pair.Value as string;
                        break;
                    default:
                        overrides[key] = pair.Value;
                        break;
                }
            }
        }

        return this.queue.DeadLetter(lockToken, reason, description, overrides);
    }

    private static Dictionary<string, object>? ToDictionary(Fields? fields) =>
        fields?.ToDictionary(pair => pair.Key.Key.ToString()!, pair => pair.Value, StringComparer.Ordinal);
}
