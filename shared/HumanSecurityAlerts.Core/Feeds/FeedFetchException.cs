namespace HumanSecurityAlerts.Feeds;

public sealed class FeedFetchException(string message, Exception? inner = null) : Exception(message, inner);
