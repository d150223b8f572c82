using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>The <c>$management</c> operations the client uses: peek, renew-lock, update-disposition, schedule and cancel.</summary>
internal static class ManagementOperations
{
    private const int Ok = 200;
    private const int NoContent = 204;
    private const int BadRequest = 400;
    private const int Gone = 410;
    private const int NotImplemented = 501;

    public static AmqpMessage Handle(ResolvedEntity entity, AmqpMessage request)
    {
        string? operation = request.ApplicationProperties?.Map[AmqpNames.Operation] as string;
        var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        try
        {
            return (operation, entity.Receivable, entity.Sendable) switch
            {
                ("com.microsoft:peek-message", { } queue, var sendable) => Peek(queue, sendable, body),
                ("com.microsoft:renew-lock", { } queue, _) => RenewLocks(queue, body),
                ("com.microsoft:update-disposition", { } queue, _) => UpdateDisposition(queue, body),
                ("com.microsoft:schedule-message", _, { } sendable) => Schedule(sendable, body),
                ("com.microsoft:cancel-scheduled-message", _, { } sendable) => CancelScheduled(sendable, body),
                _ => RequestResponseNode.CreateResponse(
                    NotImplemented, $"Operation '{operation}' is not supported on '{entity.Path}' by the local broker.", errorCondition: AmqpErrorCode.NotImplemented),
            };
        }
        catch (Exception exception) when (exception is InvalidCastException or KeyNotFoundException or NullReferenceException or FormatException)
        {
            return RequestResponseNode.CreateResponse(BadRequest, $"Malformed '{operation}' request: {exception.Message}", errorCondition: AmqpNames.ArgumentError);
        }
    }

    /// <summary>Lists active and locked messages and, on a queue, its scheduled ones too, in sequence order (subscriptions hold no scheduled messages: their topic does).</summary>
    private static AmqpMessage Peek(MessageQueue queue, SendableEntity? scheduler, AmqpMap body)
    {
        long from = Convert.ToInt64(body[new MapKey("from-sequence-number")], System.Globalization.CultureInfo.InvariantCulture);
        int count = Convert.ToInt32(body[new MapKey("message-count")], System.Globalization.CultureInfo.InvariantCulture);
        // Scheduled first: a message falling due in between is then seen twice (and deduplicated), never missed.
        IReadOnlyList<MessageSnapshot> scheduled = scheduler?.PeekScheduled(from, count) ?? [];
        List<MessageSnapshot> messages = queue.Peek(from, count)
            .Concat(scheduled)
            .DistinctBy(message => message.SequenceNumber)
            .OrderBy(message => message.SequenceNumber)
            .Take(count)
            .ToList();
        if (messages.Count == 0)
        {
            return RequestResponseNode.CreateResponse(NoContent, "No messages to peek.");
        }

        var entries = messages.Select(message => new AmqpMap { [new MapKey("message")] = message.Encode() }).ToList();
        return RequestResponseNode.CreateResponse(Ok, "OK", new AmqpMap { [new MapKey("messages")] = entries });
    }

    private static AmqpMessage RenewLocks(MessageQueue queue, AmqpMap body)
    {
        var expirations = new List<DateTime>();
        foreach (Guid lockToken in (Guid[])body[new MapKey("lock-tokens")])
        {
            if (queue.RenewLock(lockToken) is not { } lockedUntil)
            {
                return LockLost();
            }

            expirations.Add(lockedUntil.UtcDateTime);
        }

        return RequestResponseNode.CreateResponse(Ok, "OK", new AmqpMap { [new MapKey("expirations")] = expirations.ToArray() });
    }

    private static AmqpMessage UpdateDisposition(MessageQueue queue, AmqpMap body)
    {
        string status = (string)body[new MapKey("disposition-status")];
        string? reason = body[new MapKey("deadletter-reason")] as string;
        string? description = body[new MapKey("deadletter-description")] as string;
        Dictionary<string, object>? propertiesToModify = (body[new MapKey("properties-to-modify")] as AmqpMap)?
            .ToDictionary(pair => pair.Key.Key.ToString()!, pair => pair.Value, StringComparer.Ordinal);
        if (status == "defered")
        {
            return RequestResponseNode.CreateResponse(NotImplemented, "Deferral is not supported by the local broker.", errorCondition: AmqpErrorCode.NotImplemented);
        }

        foreach (Guid lockToken in (Guid[])body[new MapKey("lock-tokens")])
        {
            bool settled = status switch
            {
                "completed" => queue.Complete(lockToken),
                "abandoned" => queue.Abandon(lockToken, propertiesToModify),
                "suspended" => queue.DeadLetter(lockToken, reason, description, propertiesToModify),
                _ => throw new FormatException($"Unknown disposition status '{status}'."),
            };
            if (!settled)
            {
                return LockLost();
            }
        }

        return RequestResponseNode.CreateResponse(Ok, "OK");
    }

    private static AmqpMessage Schedule(SendableEntity entity, AmqpMap body)
    {
        var sequenceNumbers = new List<long>();
        foreach (AmqpMap entry in ((IEnumerable)body[new MapKey("messages")]).Cast<AmqpMap>())
        {
            byte[] payload = ((ArraySegment<byte>)entry[new MapKey("message")]).ToArray();
            sequenceNumbers.Add(entity.Send(MessageEnvelope.Decode(payload)));
        }

        return RequestResponseNode.CreateResponse(Ok, "OK", new AmqpMap { [new MapKey("sequence-numbers")] = sequenceNumbers.ToArray() });
    }

    private static AmqpMessage CancelScheduled(SendableEntity entity, AmqpMap body)
    {
        foreach (long sequenceNumber in (long[])body[new MapKey("sequence-numbers")])
        {
            entity.CancelScheduled(sequenceNumber);
        }

        return RequestResponseNode.CreateResponse(Ok, "OK");
    }

    private static AmqpMessage LockLost() =>
        RequestResponseNode.CreateResponse(Gone, MessageQueue.LockLostDescription, errorCondition: AmqpNames.MessageLockLost);
}
