using System.Diagnostics;
using System.Net.Sockets;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Health;

/// <param name="Error">The exception's type name only: messages can name hosts, accounts or connection details.</param>
public sealed record DependencyCheck(string Status, long LatencyMs, string? Error = null);

public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, DependencyCheck> Checks)
{
    public bool Ready => Status == ReadinessProbe.Healthy;
}

/// <summary>
/// Whether the app can do its work now: one Table query (the newest publication), one Service Bus peek on the deliveries queue, one TCP connect
/// to the SMTP server, in parallel, each bounded by <see cref="Timeout"/>. Reads nothing secret and reports none.
/// </summary>
internal sealed partial class ReadinessProbe(
    IPublicationStore publications,
    ServiceBusClient bus,
    IOptions<ServiceBusOptions> busOptions,
    IOptions<SmtpOptions> smtp,
    ILogger<ReadinessProbe> logger) : IAsyncDisposable
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // One receiver for every probe: the SDK recovers its link after an outage, and a probe opens no new one.
    private readonly Lazy<ServiceBusReceiver> receiver = new(() => bus.CreateReceiver(busOptions.Value.DeliveriesQueue, new ServiceBusReceiverOptions { PrefetchCount = 0 }));

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(
            CheckAsync("tables", CheckTablesAsync, cancellationToken),
            CheckAsync("serviceBus", ct => receiver.Value.PeekMessageAsync(cancellationToken: ct), cancellationToken),
            CheckAsync("smtp", CheckSmtpAsync, cancellationToken)).ConfigureAwait(false);
        var all = checks.ToDictionary(c => c.Name, c => c.Check, StringComparer.Ordinal);
        return new ReadinessReport(all.Values.All(c => c.Status == Healthy) ? Healthy : Unhealthy, all);
    }

    public async ValueTask DisposeAsync()
    {
        if (receiver.IsValueCreated)
        {
            await receiver.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<(string Name, DependencyCheck Check)> CheckAsync(string name, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await check(timeout.Token).ConfigureAwait(false);
            return (name, new DependencyCheck(Healthy, clock.ElapsedMilliseconds));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            var error = e is OperationCanceledException ? "Timeout" : e.GetType().Name;
            LogUnhealthy(name, error, clock.ElapsedMilliseconds);
            return (name, new DependencyCheck(Unhealthy, clock.ElapsedMilliseconds, error));
        }
    }

    /// <summary>The newest publication: one query of one partition, as the API's listing makes.</summary>
    private Task CheckTablesAsync(CancellationToken cancellationToken) =>
        publications.ListAsync(null, null, 1, null, cancellationToken);

    private async Task CheckSmtpAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(smtp.Value.Host, smtp.Value.Port, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: {Dependency} unhealthy ({Error}) after {ElapsedMs} ms")]
    private partial void LogUnhealthy(string dependency, string error, long elapsedMs);
}
