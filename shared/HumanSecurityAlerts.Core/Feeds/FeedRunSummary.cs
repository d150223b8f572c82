namespace HumanSecurityAlerts.Feeds;

/// <summary>What one ingestion run did, feed by feed and item by item.</summary>
public sealed class FeedRunSummary
{
    public int SucceededFeeds { get; set; }

    public int FailedFeeds { get; set; }

    public int NotModifiedFeeds { get; set; }

    public int Stored { get; set; }

    public int AlreadyStored { get; set; }
}
