namespace HumanSecurityAlerts.Operations;

/// <summary>The deliveries dead-letter queue, for admins: look at it, and send chosen messages back to the queue.</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetterView>> PeekAsync(int max, long? fromSequenceNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the dead letters <paramref name="choose"/> picks back to the deliveries queue and removes them from the
    /// dead-letter queue; the others stay. Only messages that decode as a delivery are offered. Stops after
    /// <paramref name="maxScanned"/> messages, or once <paramref name="wanted"/> were replayed when it is set.
    /// </summary>
    Task<IReadOnlyList<DeadLetterView>> ReplayAsync(Func<DeadLetterView, bool> choose, int? wanted, int maxScanned, CancellationToken cancellationToken);
}
