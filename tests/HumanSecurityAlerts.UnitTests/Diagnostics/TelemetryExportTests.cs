using HumanSecurityAlerts.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HumanSecurityAlerts.UnitTests.Diagnostics;

public sealed class TelemetryExportTests
{
    [Theory]
    [InlineData("ClientId=1b2c3d4e-0000-4000-8000-000000000001;Authorization=AAD", "1b2c3d4e-0000-4000-8000-000000000001")]
    [InlineData("Authorization=AAD", "")]
    [InlineData(" authorization = aad ; clientid = abc ", "abc")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("ClientId=abc", null)]
    public void The_identity_comes_from_the_authentication_string_only_with_Entra_ID(string? authentication, string? expected) =>
        Assert.Equal(expected, TelemetryExport.ManagedIdentityClientId(authentication));

    [Fact]
    public void Without_an_exporter_setting_nothing_is_registered()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void An_OTLP_endpoint_turns_on_traces_and_metrics()
    {
        using var services = Build(new Dictionary<string, string?> { [TelemetryExport.OtlpEndpointSetting] = "http://localhost:4317" });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddTelemetryExport(configuration);
        return services.BuildServiceProvider();
    }
}
