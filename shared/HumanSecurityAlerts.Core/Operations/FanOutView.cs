namespace HumanSecurityAlerts.Operations;

/// <summary>The latest fan-out of a publication: its generation, what it queued, and whether it finished.</summary>
public sealed record FanOutView(int Generation, long Queued, long Digests, bool Completed, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);
