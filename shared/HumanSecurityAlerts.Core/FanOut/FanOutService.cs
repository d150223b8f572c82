using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.FanOut;

/// <summary>
/// Fans one publication out: pages through the active subscribers of each of its pillars (one partition of the pillar
/// index per pillar and frequency, up to 1000 per page, no per-subscriber reads), sends one delivery request per
/// immediate subscriber to the deliveries queue (in full batches), and records the publication in the digest queue of
/// each daily and weekly subscriber.
/// </summary>
/// <remarks>
/// Exactly once as far as subscribers can tell: a subscriber of several matching pillars is met once per pillar but
/// notified once (skipped in memory within a run; the same deterministic MessageId is absorbed by the queue's
/// duplicate detection; the delivery ledger refuses a second send; digest rows are keyed by publication). Progress is
/// saved after each page, so a run that dies halfway resumes from the last page it finished.
/// </remarks>
public sealed partial class FanOutService(
    ISubscriberDirectory directory,
    IDeliveryDispatcher queue,
    IDigestStore digests,
    IFanOutProgressStore progress,
    IOptions<FanOutOptions> options,
    TimeProvider time,
    ILogger<FanOutService> logger,
    ServiceTelemetry? telemetry = null)
{
    private static readonly SubscriptionFrequency[] Frequencies = [SubscriptionFrequency.Immediate, SubscriptionFrequency.Daily, SubscriptionFrequency.Weekly];

    public async Task<FanOutProgress> RunAsync(FanOutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = ServiceTelemetry.Source.StartActivity("fan out publication");
        activity?.SetTag(ServiceTelemetry.PublicationIdTag, request.PublicationId);
        activity?.SetTag(ServiceTelemetry.PillarsTag, string.Join(',', request.Pillars));
        activity?.SetTag(ServiceTelemetry.GenerationTag, request.Generation);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var state = await progress.GetAsync(request.PublicationId, request.Generation, cancellationToken).ConfigureAwait(false)
            ?? new FanOutProgress(request.PublicationId, request.Generation, 0, null, 0, 0, false, now, now, null);
        if (state.Completed)
        {
            LogAlreadyDone(request.PublicationId, request.Generation);
            activity?.SetTag(ServiceTelemetry.OutcomeTag, "already-done");
            return state;
        }

        if (state.Stage > 0 || state.ContinuationToken is not null)
        {
            LogResuming(request.PublicationId, request.Generation, state.Stage, state.Queued + state.Digests);
        }

        // A message may name a pillar this version does not know: it has no subscribers here.
        var pillars = new List<PillarId>();
        foreach (var id in request.Pillars)
        {
            if (PillarId.TryParse(id, out var pillar) && !pillars.Contains(pillar))
            {
                pillars.Add(pillar);
            }
        }

        var stages = Frequencies.SelectMany(f => pillars.Select(p => (Frequency: f, Pillar: p))).ToList();
        var item = new DigestItem(request.PublicationId, request.Title, request.Url, [.. pillars.Select(p => p.ToString())], request.Language, request.PublishedAt);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var stage = state.Stage; stage < stages.Count; stage++)
        {
            var (frequency, pillar) = stages[stage];
            var token = stage == state.Stage ? state.ContinuationToken : null;
            var firstPage = stage == state.Stage && token is null && frequency == SubscriptionFrequency.Immediate;
            var pending = directory.ListActiveAsync(pillar, frequency, token, firstPage ? Math.Min(settings.FirstPageSize, settings.PageSize) : settings.PageSize, cancellationToken);
            while (true)
            {
                var page = await pending.ConfigureAwait(false);
                token = page.ContinuationToken;

                // Read the next page while this one is sent.
                pending = token is null ? Task.FromResult(new SubscriberPage([], null)) : directory.ListActiveAsync(pillar, frequency, token, settings.PageSize, cancellationToken);
                var fresh = page.Items.Where(s => seen.Add(s.SubscriberId)).ToList();
                if (frequency == SubscriptionFrequency.Immediate)
                {
                    await queue.SendAsync([.. fresh.Select(s => DeliveryRequest.First(request.PublicationId, s.SubscriberId, s.Channel, request.Generation))], cancellationToken).ConfigureAwait(false);
                    state = state with { Queued = state.Queued + fresh.Count };
                    telemetry?.Backlog.Add(fresh.Count);
                }
                else
                {
                    await Parallel.ForEachAsync(
                        fresh,
                        new ParallelOptions { MaxDegreeOfParallelism = settings.DigestWriteConcurrency, CancellationToken = cancellationToken },
                        async (s, ct) => await digests.AddAsync(s.SubscriberId, item, ct).ConfigureAwait(false)).ConfigureAwait(false);
                    state = state with { Digests = state.Digests + fresh.Count };
                }

                state = state with { Stage = token is null ? stage + 1 : stage, ContinuationToken = token, UpdatedAt = time.GetUtcNow() };
                await progress.SaveAsync(state, cancellationToken).ConfigureAwait(false);
                if (token is null)
                {
                    break;
                }
            }
        }

        state = state with { Stage = stages.Count, ContinuationToken = null, Completed = true, CompletedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() };
        await progress.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        LogDone(request.PublicationId, request.Generation, state.Queued, state.Digests, pillars.Count);
        activity?.SetTag(ServiceTelemetry.OutcomeTag, "done");
        activity?.SetTag("hsa.fanout.queued", state.Queued);
        activity?.SetTag("hsa.fanout.digests", state.Digests);
        return state;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fan-out of publication {PublicationId} (generation {Generation}) done: {Queued} deliveries queued, {Digests} digest entries, {Pillars} pillar(s)")]
    private partial void LogDone(string publicationId, int generation, long queued, long digests, int pillars);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fan-out of publication {PublicationId} (generation {Generation}) already done")]
    private partial void LogAlreadyDone(string publicationId, int generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming fan-out of publication {PublicationId} (generation {Generation}) at stage {Stage} after {Done} subscriber(s)")]
    private partial void LogResuming(string publicationId, int generation, int stage, long done);
}
