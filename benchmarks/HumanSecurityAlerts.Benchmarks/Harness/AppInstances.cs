using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>Copies of the app over the same settings (tables, broker, secrets): one per simulated Functions instance.</summary>
internal sealed class AppInstances : IAsyncDisposable
{
    public AppInstances(IDictionary<string, string?> settings, CallProfile profile, WarningCounter warnings, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        All = Enumerable.Range(0, count).Select(_ => BenchEnvironment.BuildApp(settings, profile, warnings)).ToList();
    }

    public IReadOnlyList<ServiceProvider> All { get; }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in All)
        {
            await app.DisposeAsync();
        }
    }
}
