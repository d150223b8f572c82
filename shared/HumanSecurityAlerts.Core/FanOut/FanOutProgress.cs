namespace HumanSecurityAlerts.FanOut;

/// <summary>How far the fan-out of one publication (one generation: the first run, or an admin resend) got.</summary>
/// <param name="Stage">Index into the (frequency, pillar) stages: immediate pillars first, then daily, then weekly.</param>
/// <param name="ContinuationToken">Of the next page within <paramref name="Stage"/>; null = the stage's first page.</param>
public sealed record FanOutProgress(
    string PublicationId,
    int Generation,
    int Stage,
    string? ContinuationToken,
    long Queued,
    long Digests,
    bool Completed,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
