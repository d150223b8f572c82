namespace HumanSecurityAlerts.Publications;

/// <summary>A release request that passed validation, normalised.</summary>
public sealed record ValidRelease(
    string Id,
    Uri Url,
    string Title,
    string Summary,
    string Text,
    string? Language,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string>? Pillars,
    bool TextTruncated = false);
