using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HumanSecurityAlerts.Functions.Health;
using HumanSecurityAlerts.IntegrationTests.Delivery;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;

namespace HumanSecurityAlerts.IntegrationTests.Diagnostics;

/// <summary><c>GET /api/health</c> and <c>/api/health/ready</c> against real Azurite, the local broker and an SMTP server.</summary>
public sealed class HealthTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>
{
    [Fact]
    public async Task Alive_answers_200()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);

        var response = await app.Host.InvokeAsync(AppHost.Request("GET", "/api/health"), r => Task.FromResult(HealthChecks.Alive(r)));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("alive", response.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_answers_200_with_each_dependency_healthy_and_its_latency()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp);

        var response = await ReadyAsync(app);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("healthy", response.Json.GetProperty("status").GetString());
        var checks = response.Json.GetProperty("checks");
        Assert.Equal(["serviceBus", "smtp", "tables"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c =>
        {
            Assert.Equal("healthy", c.Value.GetProperty("status").GetString());
            Assert.True(c.Value.GetProperty("latencyMs").GetInt64() >= 0);
        });
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_unreachable_dependency_and_nothing_secret()
    {
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Smtp:Port"] = ClosedPort().ToString(CultureInfo.InvariantCulture) });

        var response = await ReadyAsync(app);

        Assert.Equal(503, response.StatusCode);
        var checks = response.Json.GetProperty("checks");
        Assert.Equal("unhealthy", checks.GetProperty("smtp").GetProperty("status").GetString());
        Assert.Equal("SocketException", checks.GetProperty("smtp").GetProperty("error").GetString());
        Assert.Equal("healthy", checks.GetProperty("tables").GetProperty("status").GetString());
        Assert.DoesNotContain("AccountKey", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("127.0.0.1", response.Body, StringComparison.Ordinal);
    }

    private static Task<FunctionResponse> ReadyAsync(DeliveryApp app) =>
        app.Host.InvokeAsync(AppHost.Request("GET", "/api/health/ready"), r => app.Host.Create<HealthChecks>().Ready(r, CancellationToken.None));

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
