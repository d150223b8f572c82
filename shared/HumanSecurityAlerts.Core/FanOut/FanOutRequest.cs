namespace HumanSecurityAlerts.FanOut;

/// <summary>What the fan-out needs of a publication (all of it is in the topic message).</summary>
public sealed record FanOutRequest(string PublicationId, string Title, Uri Url, IReadOnlyList<string> Pillars, string Language, DateTimeOffset PublishedAt, int Generation);
