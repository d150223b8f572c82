using HumanSecurityAlerts.Publications;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary>Every minute: sends publications that were stored but not (yet) sent to the topic.</summary>
internal sealed class PublishOutbox(PublicationPublisher publisher)
{
    [Function(nameof(PublishOutbox))]
    public Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        publisher.DrainOutboxAsync(cancellationToken);
}
