namespace HumanSecurityAlerts.FanOut;

public interface IFanOutProgressStore
{
    Task<FanOutProgress?> GetAsync(string publicationId, int generation, CancellationToken cancellationToken);

    /// <summary>The highest generation recorded for the publication, or null when the fan-out never started.</summary>
    Task<FanOutProgress?> GetLatestAsync(string publicationId, CancellationToken cancellationToken);

    Task SaveAsync(FanOutProgress progress, CancellationToken cancellationToken);
}
