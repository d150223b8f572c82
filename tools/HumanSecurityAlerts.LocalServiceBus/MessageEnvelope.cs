using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// A message as a client sent it: its encoded bytes (kept verbatim so the body and properties
/// round-trip exactly) and the properties the broker needs for filtering, duplicate detection and scheduling.
/// </summary>
internal sealed class MessageEnvelope
{
    private MessageEnvelope(byte[] payload)
    {
        Payload = payload;
    }

    public byte[] Payload { get; }

    public string? MessageId { get; private init; }

    public string? CorrelationId { get; private init; }

    public string? Subject { get; private init; }

    public string? ContentType { get; private init; }

    public string? To { get; private init; }

    public string? ReplyTo { get; private init; }

    public string? SessionId { get; private init; }

    public string? ReplyToSessionId { get; private init; }

    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; private init; } = new Dictionary<string, object?>();

    public DateTimeOffset? ScheduledEnqueueTime { get; private init; }

    public TimeSpan? TimeToLive { get; private init; }

    public static MessageEnvelope Decode(byte[] payload)
    {
        using AmqpMessage message = AmqpMessage.CreateAmqpStreamMessage(
            new BufferListStream([new ArraySegment<byte>(payload)]), true);
        Properties? properties = message.Properties;
        var applicationProperties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } appProperties)
        {
            foreach (KeyValuePair<Microsoft.Azure.Amqp.Encoding.MapKey, object> pair in appProperties.Map)
            {
                applicationProperties[pair.Key.Key.ToString()!] = pair.Value;
            }
        }

        DateTimeOffset? scheduled = null;
        if (message.MessageAnnotations?.Map[AmqpNames.ScheduledEnqueueTime] is DateTime scheduledUtc)
        {
            scheduled = new DateTimeOffset(DateTime.SpecifyKind(scheduledUtc, DateTimeKind.Utc));
        }

        return new MessageEnvelope(payload)
        {
            MessageId = properties?.MessageId?.ToString(),
            CorrelationId = properties?.CorrelationId?.ToString(),
            Subject = properties?.Subject,
            ContentType = properties?.ContentType.Value,
            To = properties?.To?.ToString(),
            ReplyTo = properties?.ReplyTo?.ToString(),
            SessionId = properties?.GroupId,
            ReplyToSessionId = properties?.ReplyToGroupId,
            ApplicationProperties = applicationProperties,
            ScheduledEnqueueTime = scheduled,
            TimeToLive = message.Header?.Ttl is uint ttl ? TimeSpan.FromMilliseconds(ttl) : null,
        };
    }
}
