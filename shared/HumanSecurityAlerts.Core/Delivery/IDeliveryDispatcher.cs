namespace HumanSecurityAlerts.Delivery;

/// <summary>Sends delivery requests to the deliveries queue, in batches as large as the broker allows.</summary>
public interface IDeliveryDispatcher
{
    Task SendAsync(IReadOnlyList<DeliveryRequest> requests, CancellationToken cancellationToken);
}
