namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// A message held by one <see cref="MessageQueue"/>: the shared envelope plus this copy's delivery state.
/// Mutable state is only touched under the owning queue's lock.
/// </summary>
internal sealed class BrokerMessage(MessageEnvelope envelope, long sequenceNumber, DateTimeOffset enqueuedTime, DateTimeOffset expiresAt)
{
    public MessageEnvelope Envelope { get; } = envelope;

    public long SequenceNumber { get; } = sequenceNumber;

    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Failed delivery attempts so far (the AMQP header's delivery-count; the client reports it plus one).</summary>
    public int DeliveryCount { get; set; }

    public Guid LockToken { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    public bool IsLocked => LockToken != Guid.Empty;

    public string? DeadLetterReason { get; set; }

    public string? DeadLetterErrorDescription { get; set; }

    /// <summary>Application properties changed by abandon / dead-letter with properties to modify.</summary>
    public Dictionary<string, object>? PropertyOverrides { get; set; }

    public void MergeOverrides(IReadOnlyDictionary<string, object>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return;
        }

        PropertyOverrides ??= new Dictionary<string, object>(StringComparer.Ordinal);
        foreach ((string key, object value) in overrides)
        {
            PropertyOverrides[key] = value;
        }
    }

    /// <summary>Captures the state to put on the wire, so encoding can happen outside the queue's lock.</summary>
    public MessageSnapshot Snapshot(bool includeLock) => new(
        Envelope,
        SequenceNumber,
        EnqueuedTime,
        DeliveryCount,
        includeLock && IsLocked ? LockedUntil : null,
        DeadLetterReason,
        DeadLetterErrorDescription,
        PropertyOverrides is null ? null : new Dictionary<string, object>(PropertyOverrides, StringComparer.Ordinal));
}
