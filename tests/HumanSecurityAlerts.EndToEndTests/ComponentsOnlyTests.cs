using System.Data.Common;
using System.Text.Json;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// <c>--components-only</c> starts the components for <c>func start</c> with local.settings.sample.json copied
/// unchanged: on the ports that file's connection strings name.
/// </summary>
public sealed class ComponentsOnlyTests
{
    [Fact]
    public void The_components_listen_where_the_sample_settings_point()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        var values = document.RootElement.GetProperty("Values");

        // UseDevelopmentStorage=true means Azurite's default ports, for the host (AzureWebJobsStorage) and the app.
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("TableStorage").GetString());
        Assert.Equal((10000, 10001, 10002), (LocalPorts.AzuriteBlob, LocalPorts.AzuriteQueue, LocalPorts.Azurite));

        var serviceBus = new DbConnectionStringBuilder { ConnectionString = values.GetProperty("ServiceBus").GetString() };
        var endpoint = new Uri((string)serviceBus["Endpoint"]);
        Assert.Equal(("localhost", LocalPorts.ServiceBus), (endpoint.Host, endpoint.Port));

        Assert.Equal("localhost", values.GetProperty("Smtp:Host").GetString());
        Assert.Equal(LocalPorts.Smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), values.GetProperty("Smtp:Port").GetString());
        Assert.Equal($"http://localhost:{LocalPorts.Functions}", values.GetProperty("Site:BaseUrl").GetString());
    }
}
