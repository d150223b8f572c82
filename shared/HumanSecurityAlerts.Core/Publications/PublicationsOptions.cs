using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.Publications;

/// <summary>Section <c>Publications</c>: limits of the release API and of stored publications. Every value has a default.</summary>
public sealed class PublicationsOptions
{
    public const string SectionName = "Publications";

    public const int MaxTitleChars = 500;

    public const int MaxSummaryChars = 4000;

    public const int MaxPageSize = 100;

    /// <summary>Largest admin request body; bigger bodies get 413 before they are read whole.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 512 * 1024;

    /// <summary>Stored text is cut to this many characters (split over several Table properties when needed).</summary>
    [Range(1000, 400_000)]
    public int MaxTextChars { get; set; } = 32 * 1024;

    /// <summary>How far in the future a <c>publishedAt</c> may be (clock skew) before it is refused.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, MaxPageSize)]
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>Entries in a pillar's Atom feed.</summary>
    [Range(1, 200)]
    public int FeedEntries { get; set; } = 50;

    /// <summary>Bound on one send to the topic from a request; on failure the outbox sends it later.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Outbox entries handled per run.</summary>
    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 100;
}
