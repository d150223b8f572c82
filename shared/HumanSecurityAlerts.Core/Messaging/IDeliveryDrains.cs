namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// The two drains: the fan-out of new publications to their subscribers, and the deliveries queue. Each run handles
/// what is waiting and ends when its entity is empty. The timers run them; so does <see cref="IDrainKick"/>.
/// </summary>
public interface IDeliveryDrains
{
    Task DrainFanOutAsync(CancellationToken cancellationToken);

    Task DrainDeliveriesAsync(CancellationToken cancellationToken);
}
