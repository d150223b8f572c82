using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Health;

/// <summary>
/// Whether the app can do its work now: every <see cref="IReadinessCheck"/> (Tables, Service Bus, SMTP) in parallel,
/// each bounded by <see cref="Timeout"/>. Reads nothing secret and reports none.
/// </summary>
public partial class ReadinessProbe(IEnumerable<IReadinessCheck> checks, ILogger<ReadinessProbe> logger)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(checks.Select(c => CheckAsync(c, cancellationToken))).ConfigureAwait(false);
        var all = results.ToDictionary(c => c.Name, c => c.Check, StringComparer.Ordinal);
        return new ReadinessReport(all.Values.All(c => c.Status == Healthy) ? Healthy : Unhealthy, all);
    }

    private async Task<(string Name, DependencyCheck Check)> CheckAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await check.CheckAsync(timeout.Token).ConfigureAwait(false);
            return (check.Name, new DependencyCheck(Healthy, clock.ElapsedMilliseconds));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            var error = e is OperationCanceledException ? "Timeout" : e.GetType().Name;
            LogUnhealthy(check.Name, error, clock.ElapsedMilliseconds);
            return (check.Name, new DependencyCheck(Unhealthy, clock.ElapsedMilliseconds, error));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: {Dependency} unhealthy ({Error}) after {ElapsedMs} ms")]
    private partial void LogUnhealthy(string dependency, string error, long elapsedMs);
}
