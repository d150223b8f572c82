namespace HumanSecurityAlerts.Feeds;

public sealed class FeedSource
{
    /// <summary>Shown as the publications' source; defaults to the feed's host.</summary>
    public string? Name { get; set; }

    public Uri? Url { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Url?.Host ?? "feed" : Name;
}
