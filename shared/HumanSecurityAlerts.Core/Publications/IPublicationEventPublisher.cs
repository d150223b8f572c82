namespace HumanSecurityAlerts.Publications;

/// <summary>Announces a newly stored publication to other systems (the Service Bus topic). Must be idempotent per id.</summary>
public interface IPublicationEventPublisher
{
    Task PublishAsync(Publication publication, CancellationToken cancellationToken);

    /// <summary>Announces the publication again as fan-out <paramref name="generation"/> (an admin's resend); idempotent per generation.</summary>
    Task ResendAsync(Publication publication, int generation, CancellationToken cancellationToken);
}
