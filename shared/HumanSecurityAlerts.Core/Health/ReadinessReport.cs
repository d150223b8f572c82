namespace HumanSecurityAlerts.Health;

public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, DependencyCheck> Checks)
{
    public bool Ready => Status == ReadinessProbe.Healthy;
}
