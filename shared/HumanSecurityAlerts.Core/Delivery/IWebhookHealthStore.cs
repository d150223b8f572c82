namespace HumanSecurityAlerts.Delivery;

/// <summary>Tracks webhook endpoints that keep failing, so one failing for <see cref="DeliveryOptions.DisableWebhookAfter"/> is disabled.</summary>
public interface IWebhookHealthStore
{
    /// <summary>Records a failure and returns since when the endpoint has been failing without a success.</summary>
    Task<DateTimeOffset> RecordFailureAsync(string subscriberId, DateTimeOffset at, string lastError, CancellationToken cancellationToken);

    Task RecordSuccessAsync(string subscriberId, CancellationToken cancellationToken);
}
