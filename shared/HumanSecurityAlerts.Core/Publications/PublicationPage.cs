namespace HumanSecurityAlerts.Publications;

/// <param name="ContinuationToken">Opaque; null on the last page.</param>
public sealed record PublicationPage(IReadOnlyList<PublicationSummary> Items, string? ContinuationToken);
