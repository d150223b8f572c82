using System.Text.Json;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.UnitTests.Functions;

/// <summary>
/// What the Functions host (not our code) sends to Application Insights. With extended HTTP collection on, the host
/// registers Application Insights' ASP.NET Core request tracking, whose request telemetry keeps the full URL — manage
/// and unsubscribe tokens included. Off, request telemetry comes from the function invocation: name, result, duration.
/// </summary>
public sealed class HostTelemetryTests
{
    [Fact]
    public void The_host_does_not_record_request_URLs_in_telemetry()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions", "host.json")));

        var options = host.RootElement.GetProperty("logging").GetProperty("applicationInsights").GetProperty("httpAutoCollectionOptions");

        Assert.False(options.GetProperty("enableHttpTriggerExtendedInfoCollection").GetBoolean());
    }
}
