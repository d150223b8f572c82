using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.Health;

/// <summary>The newest publication: one query of one partition, as the API's listing makes.</summary>
internal sealed class TablesReadinessCheck(IPublicationStore publications) : IReadinessCheck
{
    public string Name => "tables";

    public Task CheckAsync(CancellationToken cancellationToken) => publications.ListAsync(null, null, 1, null, cancellationToken);
}
