namespace HumanSecurityAlerts.Health;

/// <summary>One dependency the app needs to do its work; the check throws when it cannot be reached.</summary>
public interface IReadinessCheck
{
    /// <summary>The name in the report ("tables", "serviceBus", "smtp").</summary>
    string Name { get; }

    Task CheckAsync(CancellationToken cancellationToken);
}
