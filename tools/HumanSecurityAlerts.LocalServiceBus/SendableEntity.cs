namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// An entity clients send to (a queue or a topic): assigns sequence numbers, drops duplicates by
/// MessageId within the detection window, and holds scheduled messages until they are due.
/// </summary>
internal abstract class SendableEntity(string name, TimeProvider time, bool requiresDuplicateDetection, TimeSpan duplicateDetectionWindow)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _recentMessageIds = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenAt)> _recentOrder = new();
    private readonly SortedSet<(DateTimeOffset Due, long SequenceNumber)> _dueTimes = [];
    private readonly SortedDictionary<long, (MessageEnvelope Envelope, DateTimeOffset Due)> _scheduled = [];
    private long _lastSequenceNumber;

    public string Name { get; } = name;

    protected TimeProvider Time { get; } = time;

    /// <summary>Accepts a sent message and returns its sequence number (a dropped duplicate still uses one, as scheduling must answer with a number).</summary>
    public long Send(MessageEnvelope envelope)
    {
        lock (_gate)
        {
            long sequenceNumber = ++_lastSequenceNumber;
            if (IsDuplicate(envelope.MessageId))
            {
                return sequenceNumber;
            }

            if (envelope.ScheduledEnqueueTime is { } due && due > Time.GetUtcNow())
            {
                _scheduled.Add(sequenceNumber, (envelope, due));
                _dueTimes.Add((due, sequenceNumber));
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
        lock (_gate)
        {
            if (!_scheduled.Remove(sequenceNumber, out var scheduled))
            {
                return false;
            }

            _dueTimes.Remove((scheduled.Due, sequenceNumber));
            return true;
        }
    }

    /// <summary>Scheduled messages not yet due, from a sequence number on, as a peek lists them.</summary>
    public IReadOnlyList<MessageSnapshot> PeekScheduled(long fromSequenceNumber, int count)
    {
        lock (_gate)
        {
            return _scheduled
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
        lock (_gate)
        {
            while (_dueTimes.Count > 0 && _dueTimes.Min.Due <= now)
            {
                (_, long sequenceNumber) = _dueTimes.Min;
                _dueTimes.Remove(_dueTimes.Min);
                _scheduled.Remove(sequenceNumber, out var scheduled);
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
        while (_recentOrder.Count > 0 && now - _recentOrder.Peek().SeenAt > duplicateDetectionWindow)
        {
            (string expiredId, DateTimeOffset seenAt) = _recentOrder.Dequeue();
            if (_recentMessageIds.TryGetValue(expiredId, out DateTimeOffset latest) && latest == seenAt)
            {
                _recentMessageIds.Remove(expiredId);
            }
        }

        if (_recentMessageIds.ContainsKey(messageId))
        {
            return true;
        }

        _recentMessageIds[messageId] = now;
        _recentOrder.Enqueue((messageId, now));
        return false;
    }
}
