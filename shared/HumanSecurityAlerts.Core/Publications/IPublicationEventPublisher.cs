namespace HumanSecurityAlerts.Publications;

/// <summary>Announces a newly stored publication to other systems (the Service Bus topic). Must be idempotent per id.</summary>
public interface IPublicationEventPublisher
{
    Task PublishAsync(Publication publication, CancellationToken cancellationToken);

    /// <summary>Announces the publication again as fan-out <paramref name="generation"/> (an admin's resend); idempotent per generation.</summary>
    Task ResendAsync(Publication publication, int generation, CancellationToken cancellationToken);
}

/// <summary>
/// Called after an admin release was stored and sent, so the fan-out can start right away instead of waiting for its
/// timer. The default does nothing; the fan-out feature replaces it.
/// </summary>
public interface IReleaseNotifier
{
    Task PublicationReleasedAsync(Publication publication, CancellationToken cancellationToken);
}

internal sealed class NoReleaseNotifier : IReleaseNotifier
{
    public Task PublicationReleasedAsync(Publication publication, CancellationToken cancellationToken) => Task.CompletedTask;
}
