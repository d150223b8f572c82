using Microsoft.Azure.Amqp;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A client's send link into a queue or topic. Accepts single messages and batches.</summary>
internal sealed class MessagePublisher
{
    private const uint LinkCredit = 500;

    private readonly SendableEntity entity;
    private readonly ReceivingAmqpLink link;

    public MessagePublisher(SendableEntity entity, ReceivingAmqpLink link)
    {
        this.entity = entity;
        this.link = link;
        link.RegisterMessageListener(OnMessage);
        link.SetTotalLinkCredit(LinkCredit, true, true);
    }

    private void OnMessage(AmqpMessage message)
    {
        try
        {
            foreach (byte[] payload in Unbatch(message))
            {
                this.entity.Send(MessageEnvelope.Decode(payload));
            }

            this.link.DisposeMessage(message, AmqpConstants.AcceptedOutcome, true, false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            this.link.RejectMessage(message, exception);
        }
        finally
        {
            message.Dispose();
        }
    }

    /// <summary>A batch (message format 0x80013700) carries one encoded message in each Data section.</summary>
    private static List<byte[]> Unbatch(AmqpMessage message)
    {
        byte[] payload = Copy(message);
        if (message.MessageFormat != AmqpConstants.AmqpBatchedMessageFormat)
        {
            return [payload];
        }

        using AmqpMessage batch = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(payload)]), true);
        return batch.DataBody.Select(data => ((ArraySegment<byte>)data.Value).ToArray()).ToList();
    }

    /// <summary>The link's buffers are pooled and reused once the message is disposed, so the broker keeps its own copy.</summary>
    private static byte[] Copy(AmqpMessage message)
    {
        using var stream = (BufferListStream)((BufferListStream)message.ToStream()).Clone();
        stream.Position = 0;
        byte[] bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
