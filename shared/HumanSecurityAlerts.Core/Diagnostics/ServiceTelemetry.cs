using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HumanSecurityAlerts.Diagnostics;

/// <summary>
/// The service's own traces and metrics, both named <see cref="Name"/> (what an OpenTelemetry exporter subscribes to).
/// Tags carry ids, pillars, channels and outcomes only: never an email address, URL, token or secret.
/// </summary>
/// <remarks>
/// The <see cref="ActivitySource"/> is process-wide (spans are told apart by trace id); the <see cref="Meter"/> comes
/// from the host's <see cref="IMeterFactory"/>, so each service provider (each test host) has its own instruments.
/// </remarks>
public sealed class ServiceTelemetry
{
    public const string Name = "HumanSecurityAlerts";

    public const string PublicationIdTag = "hsa.publication.id";
    public const string PillarTag = "hsa.pillar";
    public const string PillarsTag = "hsa.pillars";
    public const string ChannelTag = "hsa.channel";
    public const string AttemptTag = "hsa.attempt";
    public const string OutcomeTag = "hsa.outcome";
    public const string SourceTag = "hsa.source";
    public const string DeliveryIdTag = "hsa.delivery.id";
    public const string GenerationTag = "hsa.fanout.generation";

    public static readonly ActivitySource Source = new(Name);

    public ServiceTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        Releases = Meter.CreateCounter<long>("hsa.releases.ingested", "{release}", "Admin releases stored for the first time.");
        FeedItems = Meter.CreateCounter<long>("hsa.feed.items.ingested", "{item}", "Feed items stored for the first time.");
        Publications = Meter.CreateCounter<long>("hsa.publications", "{publication}", "Publications stored, per pillar (one count per pillar; 'none' for a publication without).");
        Deliveries = Meter.CreateCounter<long>("hsa.deliveries", "{delivery}", "Delivery attempts settled, by channel and outcome (delivered, retrying, failed, dropped).");
        Attempts = Meter.CreateCounter<long>("hsa.delivery.attempts", "{attempt}", "Emails and webhook calls attempted, by channel.");
        DeadLetters = Meter.CreateCounter<long>("hsa.dead_letters", "{message}", "Messages dead-lettered, by entity and reason.");
        Latency = Meter.CreateHistogram<double>("hsa.delivery.latency", "s", "From a publication's ingestion to its delivery to one subscriber, by channel.");
        Backlog = Meter.CreateUpDownCounter<long>("hsa.fanout.backlog", "{delivery}", "Deliveries queued by the fan-out and not yet settled (this process's share).");
        FeedFetches = Meter.CreateCounter<long>("hsa.feed.fetches", "{fetch}", "Feed fetches, by outcome.");
        RateLimitRefusals = Meter.CreateCounter<long>("hsa.rate_limit.refusals", "{request}", "Requests refused by a rate limit, by rule.");
    }

    public Meter Meter { get; }

    public Counter<long> Releases { get; }

    public Counter<long> FeedItems { get; }

    public Counter<long> Publications { get; }

    public Counter<long> Deliveries { get; }

    public Counter<long> Attempts { get; }

    public Counter<long> DeadLetters { get; }

    public Histogram<double> Latency { get; }

    public UpDownCounter<long> Backlog { get; }

    public Counter<long> FeedFetches { get; }

    public Counter<long> RateLimitRefusals { get; }

    /// <summary>Starts a span whose parent is <paramref name="traceParent"/> (a W3C traceparent) when it parses, else the current span.</summary>
    public static Activity? StartActivity(string name, ActivityKind kind, string? traceParent = null) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);

    /// <summary>The W3C traceparent of the current span, or null when nothing is traced.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The trace id of a W3C traceparent, or null.</summary>
    public static string? TraceIdOf(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, out var context) ? context.TraceId.ToHexString() : null;
}
