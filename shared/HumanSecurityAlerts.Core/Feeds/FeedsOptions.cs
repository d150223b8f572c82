using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.Feeds;

/// <summary>
/// Section <c>Feeds</c>: the RSS 2.0 / Atom feeds read by the <c>IngestFeeds</c> timer, e.g.
/// <c>Feeds__Sources__0__Url</c> and <c>Feeds__Sources__0__Name</c>. The timer's schedule is the separate flat app
/// setting <c>FeedsSchedule</c> (a binding expression the Functions host resolves). No sources means nothing to do.
/// </summary>
public sealed class FeedsOptions
{
    public const string SectionName = "Feeds";

    public IList<FeedSource> Sources { get; } = [];

    /// <summary>Whole fetch of one feed, headers and body, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A feed body larger than this is refused while it streams in, never buffered whole.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    public string UserAgent { get; set; } = "HumanSecurityAlerts/1.0 (feed reader)";

    /// <summary>Newest items considered per feed and run.</summary>
    [Range(1, 1000)]
    public int MaxItemsPerFeed { get; set; } = 100;

    /// <summary>Retries of a failed request (5xx, 408, 429, network error), with exponential backoff and jitter.</summary>
    [Range(0, 5)]
    public int RetryCount { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
