namespace HumanSecurityAlerts.Publications;

/// <summary>
/// Called after an admin release was stored and sent, so the fan-out can start right away instead of waiting for its
/// timer. The default does nothing; the fan-out feature replaces it.
/// </summary>
public interface IReleaseNotifier
{
    Task PublicationReleasedAsync(Publication publication, CancellationToken cancellationToken);
}
