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

    private readonly Lock gate = new();
    private readonly SortedDictionary<long, BrokerMessage> messages = [];
    private readonly SortedSet<long> available = [];
    private readonly Dictionary<Guid, BrokerMessage> locks = [];
    private readonly List<MessageConsumer> consumers = [];
    private readonly TimeProvider time;
    private DateTimeOffset nextExpiry = DateTimeOffset.MaxValue;
    private int nextConsumer;
    private int dispatchRequested;
    private int dispatching;

    public MessageQueue(string path, MessageQueueSettings settings, TimeProvider time, bool withDeadLetterQueue = true)
    {
        Path = path;
        Settings = settings;
        this.time = time;
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
        DateTimeOffset now = this.time.GetUtcNow();
        TimeSpan ttl = envelope.TimeToLive is { } messageTtl && messageTtl < Settings.DefaultMessageTimeToLive
            ? messageTtl
            : Settings.DefaultMessageTimeToLive;
        DateTimeOffset expiresAt = ttl >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + ttl;
        Add(new BrokerMessage(envelope, sequenceNumber, now, expiresAt));
    }

    public void AddConsumer(MessageConsumer consumer)
    {
        lock (gate)
        {
            this.consumers.Add(consumer);
        }

        RequestDispatch();
    }

    /// <summary>Locks held by a closed link stay until they expire, as in Service Bus: the client may still settle them through $management.</summary>
    public void RemoveConsumer(MessageConsumer consumer)
    {
        lock (gate)
        {
            this.consumers.Remove(consumer);
        }
    }

    public bool Complete(Guid lockToken)
    {
        lock (gate)
        {
            if (!TryTakeLock(lockToken, out BrokerMessage? message))
            {
                return false;
            }

            this.messages.Remove(message.SequenceNumber);
            return true;
        }
    }

    /// <summary>The client gave the message back without processing it (it arrived while no receive call waited): no delivery is counted.</summary>
    public bool Release(Guid lockToken)
    {
        lock (gate)
        {
            if (!TryTakeLock(lockToken, out BrokerMessage? message))
            {
                return false;
            }

            available.Add(message.SequenceNumber);
        }

        RequestDispatch();
        return true;
    }

    public bool Abandon(Guid lockToken, IReadOnlyDictionary<string, object>? propertiesToModify)
    {
        BrokerMessage? deadLettered;
        lock (gate)
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
        lock (gate)
        {
            if (!TryTakeLock(lockToken, out message))
            {
                return false;
            }

            this.messages.Remove(message.SequenceNumber);
            message.MergeOverrides(propertiesToModify);
            message.DeadLetterReason = reason;
            message.DeadLetterErrorDescription = description;
        }

        MoveToDeadLetterQueue(message);
        return true;
    }

    public DateTimeOffset? RenewLock(Guid lockToken)
    {
        lock (gate)
        {
            if (!this.locks.TryGetValue(lockToken, out BrokerMessage? message) || message.LockedUntil <= this.time.GetUtcNow())
            {
                return null;
            }

            message.LockedUntil = this.time.GetUtcNow() + Settings.LockDuration;
            return message.LockedUntil;
        }
    }

    /// <summary>Active messages, locked or not, from a sequence number on; peeking never locks.</summary>
    public IReadOnlyList<MessageSnapshot> Peek(long fromSequenceNumber, int count)
    {
        lock (gate)
        {
            return this.messages.Values
                .Where(message => message.SequenceNumber >= fromSequenceNumber)
                .Take(count)
                .Select(message => message.Snapshot(includeLock: false))
                .ToList();
        }
    }

    /// <summary>Expires locks (counting a failed delivery) and messages past their time to live.</summary>
    public void Tick()
    {
        DateTimeOffset now = this.time.GetUtcNow();
        var deadLettered = new List<BrokerMessage>();
        bool released = false;
        lock (gate)
        {
            foreach (BrokerMessage message in this.locks.Values.Where(m => m.LockedUntil <= now).ToList())
            {
                this.locks.Remove(message.LockToken);
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

            if (now >= nextExpiry)
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
        Interlocked.Exchange(ref dispatchRequested, 1);
        if (Interlocked.CompareExchange(ref dispatching, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.RunDispatcher(), this, preferLocal: false);
        }
    }

    private void RunDispatcher()
    {
        do
        {
            while (Interlocked.Exchange(ref dispatchRequested, 0) == 1)
            {
                DispatchAvailable();
            }

            Volatile.Write(ref dispatching, 0);
        }
        while (Volatile.Read(ref dispatchRequested) == 1 && Interlocked.CompareExchange(ref dispatching, 1, 0) == 0);
    }

    private void DispatchAvailable()
    {
        var deliveries = new List<(MessageConsumer Consumer, MessageSnapshot Snapshot, Guid LockToken)>();
        lock (gate)
        {
            if (available.Count == 0 || this.consumers.Count == 0)
            {
                return;
            }

            DateTimeOffset now = this.time.GetUtcNow();
            uint[] credits = this.consumers.Select(consumer => consumer.AvailableCredit).ToArray();
            while (available.Count > 0 && NextConsumerWithCredit(credits) is int index)
            {
                MessageConsumer consumer = this.consumers[index];
                credits[index]--;
                long sequenceNumber = available.Min;
                available.Remove(sequenceNumber);
                BrokerMessage message = this.messages[sequenceNumber];
                var lockToken = Guid.NewGuid();
                if (consumer.ReceiveAndDelete)
                {
                    this.messages.Remove(sequenceNumber);
                }
                else
                {
                    message.LockToken = lockToken;
                    message.LockedUntil = now + Settings.LockDuration;
                    this.locks.Add(lockToken, message);
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
            int index = (nextConsumer + i) % credits.Length;
            if (credits[index] > 0)
            {
                nextConsumer = index + 1;
                return index;
            }
        }

        return null;
    }

    private void Add(BrokerMessage message)
    {
        lock (gate)
        {
            this.messages.Add(message.SequenceNumber, message);
            available.Add(message.SequenceNumber);
            if (message.ExpiresAt < nextExpiry)
            {
                nextExpiry = message.ExpiresAt;
            }
        }

        RequestDispatch();
    }

    /// <summary>Takes a live lock; an expired one is handled by the next tick and reported as lost here.</summary>
    private bool TryTakeLock(Guid lockToken, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BrokerMessage? message)
    {
        if (!this.locks.TryGetValue(lockToken, out message) || message.LockedUntil <= this.time.GetUtcNow())
        {
            message = null;
            return false;
        }

        this.locks.Remove(lockToken);
        message.LockToken = Guid.Empty;
        return true;
    }

    /// <summary>Counts a failed delivery; returns the message when it has to go to the dead-letter queue.</summary>
    private BrokerMessage? FailDelivery(BrokerMessage message)
    {
        message.DeliveryCount++;
        if (message.DeliveryCount < Settings.MaxDeliveryCount)
        {
            available.Add(message.SequenceNumber);
            return null;
        }

        this.messages.Remove(message.SequenceNumber);
        message.DeadLetterReason = "MaxDeliveryCountExceeded";
        message.DeadLetterErrorDescription = $"Message could not be consumed after {Settings.MaxDeliveryCount} delivery attempts.";
        return message;
    }

    private void ExpireMessages(DateTimeOffset now, List<BrokerMessage> deadLettered)
    {
        nextExpiry = DateTimeOffset.MaxValue;
        foreach (BrokerMessage message in this.messages.Values.ToList())
        {
            if (message.IsLocked || message.ExpiresAt > now)
            {
                nextExpiry = message.ExpiresAt < nextExpiry ? message.ExpiresAt : nextExpiry;
                continue;
            }

            this.messages.Remove(message.SequenceNumber);
            available.Remove(message.SequenceNumber);
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

        DeadLetterQueue.Add(new BrokerMessage(message.Envelope, message.SequenceNumber, this.time.GetUtcNow(), DateTimeOffset.MaxValue)
        {
            DeliveryCount = message.DeliveryCount,
            DeadLetterReason = message.DeadLetterReason,
            DeadLetterErrorDescription = message.DeadLetterErrorDescription,
            PropertyOverrides = message.PropertyOverrides,
        });
    }
}
