namespace HumanSecurityAlerts.Messaging;

public sealed record DrainResult(int Received, int Completed, int Rescheduled, int DeadLettered, int Abandoned)
{
    public static DrainResult Empty { get; } = new(0, 0, 0, 0, 0);
}
