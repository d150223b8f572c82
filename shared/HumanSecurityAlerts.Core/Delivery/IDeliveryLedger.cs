namespace HumanSecurityAlerts.Delivery;

/// <summary>The delivery ledger: checked before sending and written after, so a redelivered message never notifies twice.</summary>
public interface IDeliveryLedger
{
    Task<DeliveryRecord?> GetAsync(string publicationId, string subscriberId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="record"/> only if the stored row is still the one read (its <see cref="DeliveryRecord.ETag"/>;
    /// null = must not exist yet). Returns the record with its new ETag, or null when another worker changed it first.
    /// </summary>
    Task<DeliveryRecord?> TryWriteAsync(DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>Every row of one publication (one partition).</summary>
    IAsyncEnumerable<DeliveryRecord> ListAsync(string publicationId, CancellationToken cancellationToken);
}
