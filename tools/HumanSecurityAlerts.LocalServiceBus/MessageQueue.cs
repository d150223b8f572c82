namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// The receivable part of a queue or subscription (and of each dead-letter sub-queue): messages in
/// sequence order, peek-locks with expiry, delivery counting and dead-lettering.
/// </summary>
/// <remarks>
/// All state is guarded by one lock. Messages are handed to AMQP links outside that lock, by a single
/// dispatcher at a time per queue, so a link callback can never wait on the queue while the queue waits on the link.
/// </remarks>
internal sealed class MessageQueue
{
    public const string LockLostDescription =
        "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.";

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, BrokerMessage> _messages = [];
    private readonly SortedSet<long> _available = [];
    private readonly Dictionary<Guid, BrokerMessage> _locks = [];
    private readonly List<MessageConsumer> _consumers = [];
    private readonly TimeProvider _time;
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;
    private int _nextConsumer;
    private int _dispatchRequested;
    private int _dispatching;

    public MessageQueue(string path, MessageQueueSettings settings, TimeProvider time, bool withDeadLetterQueue = true)
    {
        Path = path;
        Settings = settings;
        _time = time;
        if (withDeadLetterQueue)
        {
            DeadLetterQueue = new MessageQueue(path + "/$DeadLetterQueue", settings.ForDeadLetterQueue(), time, withDeadLetterQueue: false);
        }
    }

    public string Path { get; }

    public MessageQueueSettings Settings { get; }

    public MessageQueue? DeadLetterQueue { get; }

    public void Enqueue(MessageEnvelope envelope, long sequenceNumber)
    {
        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan ttl = envelope.TimeToLive is { } messageTtl && messageTtl < Settings.DefaultMessageTimeToLive
            ? messageTtl
            : Settings.DefaultMessageTimeToLive;
        DateTimeOffset expiresAt = ttl >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + ttl;
        Add(new BrokerMessage(envelope, sequenceNumber, now, expiresAt));
    }

    public void AddConsumer(MessageConsumer consumer)
    {
        lock (_gate)
        {
            _consumers.Add(consumer);
        }

        RequestDispatch();
    }

    /// <summary>Locks held by a closed link stay until they expire, as in Service Bus: the client may still settle them through $management.</summary>
    public void RemoveConsumer(MessageConsumer consumer)
    {
        lock (_gate)
        {
            _consumers.Remove(consumer);
        }
    }

    public bool Complete(Guid lockToken)
    {
        lock (_gate)
        {
            if (!TryTakeLock(lockToken, out BrokerMessage? message))
            {
                return false;
            }

            _messages.Remove(message.SequenceNumber);
            return true;
        }
    }

    /// <summary>The client gave the message back without processing it (it arrived while no receive call waited): no delivery is counted.</summary>
    public bool Release(Guid lockToken)
    {
        lock (_gate)
        {
            if (!TryTakeLock(lockToken, out BrokerMessage? message))
            {
                return false;
            }

            _available.Add(message.SequenceNumber);
        }

        RequestDispatch();
        return true;
    }

    public bool Abandon(Guid lockToken, IReadOnlyDictionary<string, object>? propertiesToModify)
    {
        BrokerMessage? deadLettered;
        lock (_gate)
        {
            if (!TryTakeLock(lockToken, out BrokerMessage? message))
            {
                return false;
            }

            message.MergeOverrides(propertiesToModify);
            deadLettered = FailDelivery(message);
        }

        MoveToDeadLetterQueue(deadLettered);
        RequestDispatch();
        return true;
    }

    public bool DeadLetter(Guid lockToken, string? reason, string? description, IReadOnlyDictionary<string, object>? propertiesToModify)
    {
        BrokerMessage? message;
        lock (_gate)
        {
            if (!TryTakeLock(lockToken, out message))
            {
                return false;
            }

            _messages.Remove(message.SequenceNumber);
            message.MergeOverrides(propertiesToModify);
            message.DeadLetterReason = reason;
            message.DeadLetterErrorDescription = description;
        }

        MoveToDeadLetterQueue(message);
        return true;
    }

    public DateTimeOffset? RenewLock(Guid lockToken)
    {
        lock (_gate)
        {
            if (!_locks.TryGetValue(lockToken, out BrokerMessage? message) || message.LockedUntil <= _time.GetUtcNow())
            {
                return null;
            }

            message.LockedUntil = _time.GetUtcNow() + Settings.LockDuration;
            return message.LockedUntil;
        }
    }

    /// <summary>Active messages, locked or not, from a sequence number on; peeking never locks.</summary>
    public IReadOnlyList<MessageSnapshot> Peek(long fromSequenceNumber, int count)
    {
        lock (_gate)
        {
            return _messages.Values
                .Where(message => message.SequenceNumber >= fromSequenceNumber)
                .Take(count)
                .Select(message => message.Snapshot(includeLock: false))
                .ToList();
        }
    }

    /// <summary>Expires locks (counting a failed delivery) and messages past their time to live.</summary>
    public void Tick()
    {
        DateTimeOffset now = _time.GetUtcNow();
        var deadLettered = new List<BrokerMessage>();
        bool released = false;
        lock (_gate)
        {
            foreach (BrokerMessage message in _locks.Values.Where(m => m.LockedUntil <= now).ToList())
            {
                _locks.Remove(message.LockToken);
                message.LockToken = Guid.Empty;
                if (FailDelivery(message) is { } toDeadLetter)
                {
                    deadLettered.Add(toDeadLetter);
                }
                else
                {
                    released = true;
                }
            }

            if (now >= _nextExpiry)
            {
                ExpireMessages(now, deadLettered);
            }
        }

        foreach (BrokerMessage message in deadLettered)
        {
            MoveToDeadLetterQueue(message);
        }

        if (released)
        {
            RequestDispatch();
        }

        DeadLetterQueue?.Tick();
    }

    /// <summary>Coalesces dispatch requests: at most one dispatcher runs per queue, so each link gets its messages in order.</summary>
    public void RequestDispatch()
    {
        Interlocked.Exchange(ref _dispatchRequested, 1);
        if (Interlocked.CompareExchange(ref _dispatching, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.RunDispatcher(), this, preferLocal: false);
        }
    }

    private void RunDispatcher()
    {
        do
        {
            while (Interlocked.Exchange(ref _dispatchRequested, 0) == 1)
            {
                DispatchAvailable();
            }

            Volatile.Write(ref _dispatching, 0);
        }
        while (Volatile.Read(ref _dispatchRequested) == 1 && Interlocked.CompareExchange(ref _dispatching, 1, 0) == 0);
    }

    private void DispatchAvailable()
    {
        var deliveries = new List<(MessageConsumer Consumer, MessageSnapshot Snapshot, Guid LockToken)>();
        lock (_gate)
        {
            if (_available.Count == 0 || _consumers.Count == 0)
            {
                return;
            }

            DateTimeOffset now = _time.GetUtcNow();
            uint[] credits = _consumers.Select(consumer => consumer.AvailableCredit).ToArray();
            while (_available.Count > 0 && NextConsumerWithCredit(credits) is int index)
            {
                MessageConsumer consumer = _consumers[index];
                credits[index]--;
                long sequenceNumber = _available.Min;
                _available.Remove(sequenceNumber);
                BrokerMessage message = _messages[sequenceNumber];
                var lockToken = Guid.NewGuid();
                if (consumer.ReceiveAndDelete)
                {
                    _messages.Remove(sequenceNumber);
                }
                else
                {
                    message.LockToken = lockToken;
                    message.LockedUntil = now + Settings.LockDuration;
                    _locks.Add(lockToken, message);
                }

                deliveries.Add((consumer, message.Snapshot(includeLock: true), lockToken));
            }
        }

        foreach ((MessageConsumer consumer, MessageSnapshot snapshot, Guid lockToken) in deliveries)
        {
            consumer.Send(snapshot, lockToken);
        }
    }

    /// <summary>Round-robin over the consumers that have credit left, so concurrent receivers share the queue.</summary>
    private int? NextConsumerWithCredit(uint[] credits)
    {
        for (int i = 0; i < credits.Length; i++)
        {
            int index = (_nextConsumer + i) % credits.Length;
            if (credits[index] > 0)
            {
                _nextConsumer = index + 1;
                return index;
            }
        }

        return null;
    }

    private void Add(BrokerMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message.SequenceNumber, message);
            _available.Add(message.SequenceNumber);
            if (message.ExpiresAt < _nextExpiry)
            {
                _nextExpiry = message.ExpiresAt;
            }
        }

        RequestDispatch();
    }

    /// <summary>Takes a live lock; an expired one is handled by the next tick and reported as lost here.</summary>
    private bool TryTakeLock(Guid lockToken, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BrokerMessage? message)
    {
        if (!_locks.TryGetValue(lockToken, out message) || message.LockedUntil <= _time.GetUtcNow())
        {
            message = null;
            return false;
        }

        _locks.Remove(lockToken);
        message.LockToken = Guid.Empty;
        return true;
    }

    /// <summary>Counts a failed delivery; returns the message when it has to go to the dead-letter queue.</summary>
    private BrokerMessage? FailDelivery(BrokerMessage message)
    {
        message.DeliveryCount++;
        if (message.DeliveryCount < Settings.MaxDeliveryCount)
        {
            _available.Add(message.SequenceNumber);
            return null;
        }

        _messages.Remove(message.SequenceNumber);
        message.DeadLetterReason = "MaxDeliveryCountExceeded";
        message.DeadLetterErrorDescription = $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.";
        return message;
    }

    private void ExpireMessages(DateTimeOffset now, List<BrokerMessage> deadLettered)
    {
        _nextExpiry = DateTimeOffset.MaxValue;
        foreach (BrokerMessage message in _messages.Values.ToList())
        {
            if (message.IsLocked || message.ExpiresAt > now)
            {
                _nextExpiry = message.ExpiresAt < _nextExpiry ? message.ExpiresAt : _nextExpiry;
                continue;
            }

            _messages.Remove(message.SequenceNumber);
            _available.Remove(message.SequenceNumber);
            if (Settings.DeadLetteringOnMessageExpiration)
            {
                message.DeadLetterReason = "TTLExpiredException";
                message.DeadLetterErrorDescription = "The message expired and was dead lettered.";
                deadLettered.Add(message);
            }
        }
    }

    private void MoveToDeadLetterQueue(BrokerMessage? message)
    {
        if (message is null || DeadLetterQueue is null)
        {
            return;
        }

        DeadLetterQueue.Add(new BrokerMessage(message.Envelope, message.SequenceNumber, _time.GetUtcNow(), DateTimeOffset.MaxValue)
        {
            DeliveryCount = message.DeliveryCount,
            DeadLetterReason = message.DeadLetterReason,
            DeadLetterErrorDescription = message.DeadLetterErrorDescription,
            PropertyOverrides = message.PropertyOverrides,
        });
    }
}
