namespace HumanSecurityAlerts.Health;

/// <param name="Error">The exception's type name only: messages can name hosts, accounts or connection details.</param>
public sealed record DependencyCheck(string Status, long LatencyMs, string? Error = null);
