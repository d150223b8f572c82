namespace HumanSecurityAlerts.Operations;

/// <param name="State">"started" (a new generation was sent to the fan-out), "in-progress" (a generation is still
/// running: nothing new was started) or "pending" (the first fan-out has not run yet).</param>
public sealed record ResendResult(string PublicationId, int Generation, string State);
