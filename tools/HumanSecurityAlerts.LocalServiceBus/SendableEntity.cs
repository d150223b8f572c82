namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// An entity clients send to (a queue or a topic): assigns sequence numbers, drops duplicates by
/// MessageId within the detection window, and holds scheduled messages until they are due.
/// </summary>
internal abstract class SendableEntity(string name, TimeProvider time, bool requiresDuplicateDetection, TimeSpan duplicateDetectionWindow)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> recentMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenAt)> recentOrder = new();
    private readonly SortedSet<(DateTimeOffset Due, long SequenceNumber)> dueTimes = [];
    private readonly SortedDictionary<long, (MessageEnvelope Envelope, DateTimeOffset Due)> scheduled = [];
    private long lastSequenceNumber;

    public string Name { get; } = name;

    protected TimeProvider Time { get; } = time;

    /// <summary>Accepts a sent message and returns its sequence number (a dropped duplicate still uses one, as scheduling must answer with a number).</summary>
    public long Send(MessageEnvelope envelope)
    {
        lock (gate)
        {
            long sequenceNumber = ++lastSequenceNumber;
            if (IsDuplicate(envelope.MessageId))
            {
                return sequenceNumber;
            }

            if (envelope.ScheduledEnqueueTime is { } due && due > Time.GetUtcNow())
            {
                this.scheduled.Add(sequenceNumber, (envelope, due));
                dueTimes.Add((due, sequenceNumber));
            }
            else
            {
                Deliver(envelope, sequenceNumber);
            }

            return sequenceNumber;
        }
    }

    public bool CancelScheduled(long sequenceNumber)
    {
        lock (gate)
        {
            if (!this.scheduled.Remove(sequenceNumber, out var scheduled))
            {
                return false;
            }

            dueTimes.Remove((scheduled.Due, sequenceNumber));
            return true;
        }
    }

    /// <summary>Scheduled messages not yet due, from a sequence number on, as a peek lists them.</summary>
    public IReadOnlyList<MessageSnapshot> PeekScheduled(long fromSequenceNumber, int count)
    {
        lock (gate)
        {
            return this.scheduled
                .Where(pair => pair.Key >= fromSequenceNumber)
                .Take(count)
                .Select(pair => MessageSnapshot.ForScheduled(pair.Value.Envelope, pair.Key, pair.Value.Due))
                .ToList();
        }
    }

    /// <summary>Enqueues the scheduled messages that are due.</summary>
    public virtual void Tick()
    {
        DateTimeOffset now = Time.GetUtcNow();
        lock (gate)
        {
            while (dueTimes.Count > 0 && dueTimes.Min.Due <= now)
            {
                (_, long sequenceNumber) = dueTimes.Min;
                dueTimes.Remove(dueTimes.Min);
                this.scheduled.Remove(sequenceNumber, out var scheduled);
                Deliver(scheduled.Envelope, sequenceNumber);
            }
        }
    }

    protected abstract void Deliver(MessageEnvelope envelope, long sequenceNumber);

    private bool IsDuplicate(string? messageId)
    {
        if (!requiresDuplicateDetection || messageId is null)
        {
            return false;
        }

        DateTimeOffset now = Time.GetUtcNow();
        while (recentOrder.Count > 0 && now - recentOrder.Peek().SeenAt > duplicateDetectionWindow)
        {
            (string expiredId, DateTimeOffset seenAt) = recentOrder.Dequeue();
            if (recentMessageIds.TryGetValue(expiredId, out DateTimeOffset latest) && latest == seenAt)
            {
                recentMessageIds.Remove(expiredId);
            }
        }

        if (recentMessageIds.ContainsKey(messageId))
        {
            return true;
        }

        recentMessageIds[messageId] = now;
        recentOrder.Enqueue((messageId, now));
        return false;
    }
}
