using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HumanSecurityAlerts.LocalComponents;

namespace HumanSecurityAlerts.Testing.Faults;

/// <summary>
/// A TCP relay on loopback in front of a real component (the broker, an SMTP server), so a test can cut the network to
/// it while the component keeps its state: <see cref="Cut"/> closes the listening socket (new connections are refused)
/// and resets every open connection; <see cref="Restore"/> listens again on the same port.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint upstream;
    private readonly ConcurrentDictionary<Guid, (Socket Client, Socket Upstream)> links = new();
    private readonly Lock gate = new();
    private TcpListener? listener;
    private Task accepting = Task.CompletedTask;
    private int connections;

    private TcpFaultProxy(int port, IPEndPoint upstream)
    {
        Port = port;
        this.upstream = upstream;
    }

    public int Port { get; }

    public bool IsCut { get; private set; }

    /// <summary>Connections relayed so far.</summary>
    public int Connections => Volatile.Read(ref connections);

    public static TcpFaultProxy Start(int upstreamPort)
    {
        var proxy = new TcpFaultProxy(FreePort.Next(), new IPEndPoint(IPAddress.Loopback, upstreamPort));
        proxy.Listen();
        return proxy;
    }

    /// <summary>Refuses new connections and resets the open ones, as a component that went away does.</summary>
    public void Cut()
    {
        lock (gate)
        {
            IsCut = true;
            listener?.Stop();
            listener = null;
        }

        foreach (var (id, link) in links)
        {
            Reset(link.Client);
            Reset(link.Upstream);
            links.TryRemove(id, out _);
        }
    }

    public void Restore()
    {
        lock (gate)
        {
            if (!IsCut)
            {
                return;
            }

            IsCut = false;
            Listen();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        await accepting.ConfigureAwait(false);
    }

    private void Listen()
    {
        var socket = new TcpListener(IPAddress.Loopback, Port);
        socket.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Start();
        listener = socket;
        accepting = AcceptAsync(socket);
    }

    private async Task AcceptAsync(TcpListener socket)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await socket.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Cut.
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        client.NoDelay = true;
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await server.ConnectAsync(upstream).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            Reset(client);
            server.Dispose();
            return;
        }

        var id = Guid.NewGuid();
        links[id] = (client, server);
        Interlocked.Increment(ref connections);
        try
        {
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
        finally
        {
            links.TryRemove(id, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // A reset on either side ends the link; the caller disposes both sockets.
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close with RST, as a crashed peer or a dropped network path does, not with a polite FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
