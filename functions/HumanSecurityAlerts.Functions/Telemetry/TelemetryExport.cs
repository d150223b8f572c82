using Azure.Monitor.OpenTelemetry.Exporter;
using HumanSecurityAlerts.Configuration;
using HumanSecurityAlerts.Diagnostics;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;

namespace HumanSecurityAlerts.Functions.Telemetry;

/// <summary>
/// Where the service's traces and metrics (<see cref="ServiceTelemetry"/>) go: Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (with Entra ID from <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>,
/// as Bicep sets them: no key), OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, both, or neither (then nothing
/// listens and spans cost nothing; the local run's per-release summary line is a log).
/// </summary>
internal static class TelemetryExport
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The span sources exported: the service's own (the Functions worker adds its invocation spans). Not the HTTP
    /// client's, whose spans carry the full URL, and a webhook URL can hold the receiver's own token.
    /// </summary>
    public static readonly string[] Sources = [ServiceTelemetry.Name];

    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        var azureMonitor = !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!azureMonitor && !otlp)
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceTelemetry.Name))
            .WithTracing(t => t.AddSource(Sources))
            .WithMetrics(m => m.AddMeter(ServiceTelemetry.Name))
            .UseFunctionsWorkerDefaults();
        if (azureMonitor)
        {
            var clientId = ManagedIdentityClientId(configuration[AuthenticationStringSetting]);
            builder.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = configuration[ConnectionStringSetting];
                if (clientId is not null)
                {
                    o.Credential = AzureCredentials.For(clientId);
                }
            });
        }

        if (otlp)
        {
            builder.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>The client id of <c>ClientId=...;Authorization=AAD</c>; "" for AAD with the default identity; null without AAD.</summary>
    internal static string? ManagedIdentityClientId(string? authentication)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2))
        {
            parts[part[0].Trim()] = part[1].Trim();
        }

        return parts.TryGetValue("Authorization", out var kind) && string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)
            ? parts.GetValueOrDefault("ClientId") ?? ""
            : null;
    }
}
