using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HumanSecurityAlerts.LocalHost.Environment;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>When a port of the local run is taken, the run says by what (e.g. smtp4dev left over from an earlier run).</summary>
public sealed class BusyPortTests
{
    [Fact]
    public void The_message_names_the_process_that_holds_the_port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var message = LocalEnvironment.BusyPortsMessage([port]);

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"port {port}: in use by pid {Environment.ProcessId}: "), message, StringComparison.Ordinal);
    }
}
