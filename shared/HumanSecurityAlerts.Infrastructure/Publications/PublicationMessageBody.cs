namespace HumanSecurityAlerts.Publications;

/// <summary>Body of a publication message: enough to fan out without reading the publication back.</summary>
public sealed record PublicationMessageBody(
    string Id,
    string Title,
    Uri Url,
    IReadOnlyList<string> Pillars,
    string Language,
    DateTimeOffset PublishedAt);
