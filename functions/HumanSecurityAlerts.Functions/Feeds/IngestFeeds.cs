using HumanSecurityAlerts.Feeds;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Feeds;

/// <summary>
/// Reads the configured feeds on the schedule in the flat app setting <c>FeedsSchedule</c> (NCRONTAB, e.g.
/// <c>0 */15 * * * *</c>). A flat name, not <c>Feeds:Schedule</c>: nested names in binding expressions are not
/// resolved reliably on every host (Linux app settings cannot contain ':').
/// </summary>
internal sealed class IngestFeeds(FeedIngestionService ingestion)
{
    [Function(nameof(IngestFeeds))]
    public Task Run([TimerTrigger("%FeedsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        ingestion.RunAsync(cancellationToken);
}
