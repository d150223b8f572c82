using System.Collections.Concurrent;
using System.Globalization;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Drains;

/// <summary>
/// One readable line per publication once its immediate deliveries are all settled: how many, how long from its
/// release, how many failed. The delivery handler notes each publication it touched; after a delivery drain, each noted
/// one is checked (its fan-out finished, no ledger row sending or retrying) and reported once per process.
/// </summary>
internal sealed partial class ReleaseSummary(
    IFanOutProgressStore progress,
    IDeliveryLedger ledger,
    IPublicationStore publications,
    ILogger<ReleaseSummary> logger)
{
    // Bounded: a long-running worker forgets the oldest reports rather than grow without end.
    private const int Remembered = 10_000;

    private readonly ConcurrentDictionary<string, byte> touched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> reported = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> reportOrder = new();

    public void Touched(string publicationId) => touched.TryAdd(publicationId, 0);

    /// <summary>Never throws but for cancellation: a summary that cannot be read is not worth failing a drain for.</summary>
    public async Task ReportFinishedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReportAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogSummaryFailed(e);
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        foreach (var id in touched.Keys)
        {
            if (reported.ContainsKey(id))
            {
                touched.TryRemove(id, out _);
                continue;
            }

            var fanOut = await progress.GetLatestAsync(id, cancellationToken).ConfigureAwait(false);
            if (fanOut is not { Completed: true })
            {
                continue;
            }

            int delivered = 0, failed = 0, dropped = 0;
            DateTimeOffset? last = null;
            var pending = false;
            await foreach (var row in ledger.ListAsync(id, cancellationToken).ConfigureAwait(false))
            {
                switch (row.Status)
                {
                    case DeliveryStatus.Delivered:
                        delivered++;
                        last = last is null || row.DeliveredAt > last ? row.DeliveredAt : last;
                        break;
                    case DeliveryStatus.Failed:
                        failed++;
                        break;
                    case DeliveryStatus.Dropped:
                        dropped++;
                        break;
                    default:
                        pending = true;
                        break;
                }
            }

            touched.TryRemove(id, out _);
            if (pending || delivered + failed + dropped < fanOut.Queued || !reported.TryAdd(id, 0))
            {
                // Still under way: the handler notes it again when its next delivery settles.
                continue;
            }

            reportOrder.Enqueue(id);
            while (reportOrder.Count > Remembered && reportOrder.TryDequeue(out var old))
            {
                reported.TryRemove(old, out _);
            }

            var publication = await publications.GetAsync(id, cancellationToken).ConfigureAwait(false);
            var took = publication is not null && last is { } end ? (end - publication.IngestedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";
            LogFinished(id, delivered + failed + dropped, delivered, took, failed, dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release {PublicationId}: {Deliveries} deliveries done, {Delivered} delivered in {Took} from release, {Failed} failed, {Dropped} dropped")]
    private partial void LogFinished(string publicationId, int deliveries, int delivered, string took, int failed, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not summarise finished releases; the next delivery drain tries again")]
    private partial void LogSummaryFailed(Exception exception);
}
