namespace HumanSecurityAlerts.Publications;

/// <summary>An index entry: what a listing or a feed shows without reading the whole publication.</summary>
public sealed record PublicationSummary(
    string Id,
    Uri Url,
    string Title,
    string Summary,
    string Language,
    IReadOnlyList<string> Pillars,
    DateTimeOffset PublishedAt,
    string Source);
