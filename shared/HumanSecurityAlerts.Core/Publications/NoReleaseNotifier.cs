namespace HumanSecurityAlerts.Publications;

internal sealed class NoReleaseNotifier : IReleaseNotifier
{
    public Task PublicationReleasedAsync(Publication publication, CancellationToken cancellationToken) => Task.CompletedTask;
}
