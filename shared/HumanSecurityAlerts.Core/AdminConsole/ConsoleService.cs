using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Feeds;
using HumanSecurityAlerts.Operations;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>
/// What the admin console does, on the same services as the admin API: preview and release a publication (an admin's
/// choice of pillars that differs from the classifier's is stored as an override), list publications with delivery
/// counts per channel, show one with its failures and dead letters, resend, replay, and the feeds' last fetch.
/// </summary>
public sealed class ConsoleService(
    PublicationReleaseService releases,
    IPublicationStore publications,
    IDeliveryLedger ledger,
    DeliveryOperations operations,
    IFeedStateStore feedStates,
    IOptions<FeedsOptions> feeds)
{
    private const int PageSize = 20;
    private const int MaxDeadLettersScanned = 1000;

    public async Task<ReleasePage> PreviewAsync(ReleaseForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (errors, classification, fields) = releases.PreviewWithFields(Request(form));
        if (classification is null)
        {
            return new ReleasePage(form, null, errors);
        }

        string? existing = null;
        if (CanonicalUrl.TryCreate(form.Url, out var url) && PublicationId.FromCanonicalUrl(url) is var id
            && await publications.ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            existing = id;
        }

        return new ReleasePage(form, new ReleasePreview(classification, fields!, existing), null);
    }

    /// <param name="chosen">The pillars the admin ticked after a preview; null when publishing without one (the classifier decides).</param>
    public async Task<ConsolePublishOutcome> PublishAsync(ReleaseForm form, IReadOnlyList<string>? chosen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var request = Request(form);
        if (chosen is not null)
        {
            // Only a choice that differs from the classifier's is an override.
            var classified = releases.Preview(request).Classification?.Pillars ?? [];
            var ordered = ReleaseValidator.InCatalogueOrder(chosen);
            if (!ordered.SequenceEqual(classified, StringComparer.Ordinal) || chosen.Any(p => !ordered.Contains(p, StringComparer.Ordinal)))
            {
                request.Pillars = chosen;
            }
        }

        var outcome = await releases.ReleaseAsync(request, cancellationToken).ConfigureAwait(false);
        if (outcome.Publication is { } publication)
        {
            return new ConsolePublishOutcome(null, publication.Id, outcome.Created);
        }

        var page = await PreviewAsync(form, cancellationToken).ConfigureAwait(false);
        return new ConsolePublishOutcome(page with { Errors = outcome.Errors }, null, false);
    }

    public async Task<(IReadOnlyList<PublicationRow> Rows, string? Next)> ListAsync(string? pillar, string? language, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await publications.ListAsync(pillar, language, PageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        var rows = new List<PublicationRow>(page.Items.Count);
        foreach (var item in page.Items)
        {
            var (counts, _) = await CountAsync(item.Id, 0, cancellationToken).ConfigureAwait(false);
            rows.Add(new PublicationRow(item, counts));
        }

        return (rows, page.ContinuationToken);
    }

    public async Task<PublicationDetail?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var publication = await publications.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (publication is null)
        {
            return null;
        }

        var (counts, failures) = await CountAsync(id, 100, cancellationToken).ConfigureAwait(false);
        var dead = (await operations.PeekDeadLettersAsync(MaxDeadLettersScanned, null, cancellationToken).ConfigureAwait(false))
            .Where(d => d.PublicationId == id && d.DeliveryId is not null)
            .Select(d => new ConsoleDeadLetter(d.DeliveryId!, d.SubscriberId, d.Channel, d.Reason, d.Description, d.EnqueuedAt))
            .ToList();
        return new PublicationDetail(publication, counts, failures, dead);
    }

    public Task<ResendResult?> ResendAsync(string id, CancellationToken cancellationToken) => operations.ResendAsync(id, cancellationToken);

    public async Task<int> ReplayAsync(string deliveryId, CancellationToken cancellationToken) =>
        (await operations.ReplayAsync(false, [], [deliveryId], cancellationToken).ConfigureAwait(false)).Replayed.Count;

    public async Task<IReadOnlyList<FeedRow>> FeedsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<FeedRow>();
        foreach (var source in feeds.Value.Sources)
        {
            if (source.Url is not { } url)
            {
                continue;
            }

            var state = await feedStates.GetAsync(url, cancellationToken).ConfigureAwait(false);
            rows.Add(new FeedRow(source.DisplayName, url, state?.LastFetchedAt, state?.LastError, state?.NewItems));
        }

        return rows;
    }

    /// <summary>Delivered, pending (sending or waiting to retry) and failed per channel, from the publication's ledger partition.</summary>
    private async Task<(IReadOnlyDictionary<string, DeliveryCounts> Counts, IReadOnlyList<ConsoleFailure> Failures)> CountAsync(string publicationId, int maxFailures, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, DeliveryCounts>(StringComparer.Ordinal);
        var failures = new List<ConsoleFailure>();
        await foreach (var row in ledger.ListAsync(publicationId, cancellationToken).ConfigureAwait(false))
        {
            var channel = row.Channel.Name();
            var c = counts.GetValueOrDefault(channel) ?? new DeliveryCounts(0, 0, 0);
            counts[channel] = row.Status switch
            {
                DeliveryStatus.Delivered => c with { Delivered = c.Delivered + 1 },
                DeliveryStatus.Sending or DeliveryStatus.Retrying => c with { Pending = c.Pending + 1 },
                DeliveryStatus.Failed => c with { Failed = c.Failed + 1 },
                _ => c,
            };
            if (row.Status is DeliveryStatus.Retrying or DeliveryStatus.Failed or DeliveryStatus.Dropped && failures.Count < maxFailures)
            {
                failures.Add(new ConsoleFailure(row.SubscriberId, channel, row.Status.ToString().ToLowerInvariant(), row.Attempts, row.LastError));
            }
        }

        return (counts, failures);
    }

    private static ReleaseRequest Request(ReleaseForm form) => new()
    {
        Title = form.Title,
        Url = form.Url,
        Summary = form.Summary,
        Text = form.Text,
        Language = form.Language.Length == 0 ? null : form.Language,
        PublishedAt = form.PublishedAt.Length == 0 ? null : form.PublishedAt,
    };
}
