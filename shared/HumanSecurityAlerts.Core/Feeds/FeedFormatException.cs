namespace HumanSecurityAlerts.Feeds;

/// <summary>The content is not an RSS 2.0 or Atom 1.0 feed (or is malformed XML, or declares a DTD).</summary>
internal sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
