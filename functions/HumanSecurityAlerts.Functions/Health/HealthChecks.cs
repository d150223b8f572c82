using HumanSecurityAlerts.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Health;

/// <summary>
/// <c>GET /api/health</c>: the worker answers (Azure's health check, <c>healthCheckPath</c>). <c>GET /api/health/ready</c>:
/// Tables, Service Bus and SMTP reachable, each with status and latency; 503 when one is not. Anonymous, nothing secret.
/// </summary>
internal sealed class HealthChecks(ReadinessProbe probe)
{
    [Function("GetHealth")]
    public static IActionResult Alive([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new OkObjectResult(new { status = "alive" });

    [Function("GetReadiness")]
    public async Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
        return new ObjectResult(report) { StatusCode = report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
