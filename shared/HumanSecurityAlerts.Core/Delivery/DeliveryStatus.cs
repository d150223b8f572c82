namespace HumanSecurityAlerts.Delivery;

public enum DeliveryStatus
{
    /// <summary>Claimed by a worker that is sending right now (or crashed while sending).</summary>
    Sending,
    Delivered,

    /// <summary>Failed transiently; a retry is scheduled at <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>Gave up (permanent failure or retries exhausted): the message is in the dead-letter queue.</summary>
    Failed,

    /// <summary>Not sent on purpose: the subscriber unsubscribed, was deleted or no longer follows these pillars.</summary>
    Dropped,
}
