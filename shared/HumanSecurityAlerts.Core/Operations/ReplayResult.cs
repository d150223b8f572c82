namespace HumanSecurityAlerts.Operations;

/// <summary>The dead letters sent again, and the requested ones that were not found.</summary>
public sealed record ReplayResult(IReadOnlyList<DeadLetterView> Replayed, IReadOnlyList<string> NotFound);
