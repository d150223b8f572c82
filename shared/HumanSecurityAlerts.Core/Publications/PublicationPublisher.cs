using System.Diagnostics;
using HumanSecurityAlerts.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// Stores publications and gets each one to the topic exactly once as far as subscribers can tell (transactional
/// outbox): the outbox entry is written before the publication, the send happens after, and the entry is only removed
/// once the publication is marked as sent. A failed or interrupted send is retried by <see cref="DrainOutboxAsync"/>
/// (soon after the failure through <see cref="IOutboxRetry"/>, and by the outbox timer); the message id is the publication id, so the topic's duplicate detection absorbs a repeated send.
/// </summary>
public sealed partial class PublicationPublisher(
    IPublicationStore store,
    IPublicationEventPublisher events,
    IOptions<PublicationsOptions> options,
    TimeProvider time,
    ILogger<PublicationPublisher> logger,
    IOutboxRetry? retry = null,
    ServiceTelemetry? telemetry = null)
{
    /// <summary>An outbox entry whose publication never got written (its add failed) is dropped after this long.</summary>
    internal static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    /// <summary>Stores and, when new, sends. Returns the stored publication (the existing one on a repeat).</summary>
    public async Task<PublicationAddResult> StoreAndPublishAsync(Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var result = await store.AddAsync(publication with { TraceParent = ServiceTelemetry.CurrentTraceParent() }, cancellationToken).ConfigureAwait(false);
        if (!result.Created)
        {
            if (!result.Publication.PublishedToTopic)
            {
                // Stored earlier but the send never completed: finish it now rather than wait for the timer.
                return result with { Publication = await CompleteAsync(result.Publication, cancellationToken).ConfigureAwait(false) };
            }

            LogAlreadyStored(result.Publication.Id);
            return result;
        }

        LogStored(publication.Id, publication.Source, publication.Pillars);
        foreach (var pillar in publication.Pillars.DefaultIfEmpty("none"))
        {
            telemetry?.Publications.Add(1, new KeyValuePair<string, object?>(ServiceTelemetry.PillarTag, pillar));
        }

        return result with { Publication = await CompleteAsync(result.Publication, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Sends what is in the outbox. Returns how many publications were sent.</summary>
    public async Task<int> DrainOutboxAsync(CancellationToken cancellationToken)
    {
        var entries = await store.GetOutboxAsync(options.Value.OutboxBatchSize, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        foreach (var entry in entries)
        {
            var publication = await store.GetAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            if (publication is null)
            {
                if (time.GetUtcNow() - entry.EnqueuedAt > OrphanAge)
                {
                    LogOrphanRemoved(entry.Id);
                    await store.RemoveFromOutboxAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (publication.PublishedToTopic)
            {
                await store.RemoveFromOutboxAsync(entry.Id, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if ((await CompleteAsync(publication, cancellationToken).ConfigureAwait(false)).PublishedToTopic)
            {
                sent++;
            }
        }

        if (entries.Count > 0)
        {
            LogOutboxRun(entries.Count, sent);
        }

        return sent;
    }

    /// <summary>Index, send, mark as sent. A failed send is logged and left to the outbox.</summary>
    private async Task<Publication> CompleteAsync(Publication publication, CancellationToken cancellationToken)
    {
        // From the outbox timer this continues the trace of the request that stored the publication.
        using var activity = ServiceTelemetry.StartActivity("publish publication", ActivityKind.Producer, publication.TraceParent);
        activity?.SetTag(ServiceTelemetry.PublicationIdTag, publication.Id);
        activity?.SetTag(ServiceTelemetry.PillarsTag, string.Join(',', publication.Pillars));
        await store.IndexAsync(publication, cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.SendTimeout);
            await events.PublishAsync(publication, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogSendFailed(e, publication.Id);
            activity?.SetTag(ServiceTelemetry.OutcomeTag, "failed");
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            retry?.SendFailed();
            return publication;
        }

        var at = time.GetUtcNow();
        await store.MarkPublishedAsync(publication.Id, at, cancellationToken).ConfigureAwait(false);
        LogSent(publication.Id);
        activity?.SetTag(ServiceTelemetry.OutcomeTag, "sent");
        return publication with { PublishedToTopic = true, PublishedToTopicAt = at };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored publication {PublicationId} from {Source} with pillars {Pillars}")]
    private partial void LogStored(string publicationId, string source, IEnumerable<string> pillars);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publication {PublicationId} was already stored and sent; nothing to do")]
    private partial void LogAlreadyStored(string publicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent publication {PublicationId} to the topic")]
    private partial void LogSent(string publicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending publication {PublicationId} to the topic failed; the outbox will retry")]
    private partial void LogSendFailed(Exception exception, string publicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed outbox entry {PublicationId}: its publication was never stored")]
    private partial void LogOrphanRemoved(string publicationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox run: {Entries} entries, {Sent} sent")]
    private partial void LogOutboxRun(int entries, int sent);
}
