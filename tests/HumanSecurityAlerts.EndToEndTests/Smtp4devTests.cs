using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>smtp4dev as the local run starts it: it relays to nobody, but shows every mail (and its links) to whoever connects.</summary>
public sealed class Smtp4devTests
{
    [Fact]
    public async Task Smtp4dev_listens_on_loopback_only()
    {
        var outside = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .ToList();
        Assert.True(outside.Count > 0, "This check needs a network address other than loopback.");
        int smtpPort = FreePort.Next(), webPort = FreePort.Next();

        await using var smtp4dev = await Smtp4devServer.StartAsync(RepositoryPaths.Root, smtpPort, webPort, TimeSpan.FromSeconds(90));

        Assert.True(await CanConnectAsync(IPAddress.Loopback, smtpPort), "smtp4dev must accept SMTP on loopback.");
        Assert.True(await CanConnectAsync(IPAddress.Loopback, webPort), "smtp4dev's web UI must answer on loopback.");
        foreach (var address in outside)
        {
            Assert.False(await CanConnectAsync(address, smtpPort), $"smtp4dev accepts SMTP on {address}.");
            Assert.False(await CanConnectAsync(address, webPort), $"smtp4dev's web UI answers on {address}.");
        }
    }

    private static async Task<bool> CanConnectAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
