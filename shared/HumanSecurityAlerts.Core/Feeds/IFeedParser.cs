namespace HumanSecurityAlerts.Feeds;

/// <summary>Reads a fetched feed into plain-text items.</summary>
public interface IFeedParser
{
    /// <exception cref="FeedFormatException">The content is not a feed this service reads.</exception>
    ParsedFeed Parse(byte[] content, int maxItems);
}
