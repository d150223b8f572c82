using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>
/// Concurrent requests, released together, each from a client of its own: a loopback source address
/// (127.x.y.z, all routed to this machine), so the host sees distinct clients as a proxy's front end would.
/// </summary>
internal static class Burst
{
    private static int ClientCounter = Random.Shared.Next(0, 60_000);

    /// <summary>A client: an HTTP client whose connections come from a loopback address no other client uses.</summary>
    public static HttpClient NewClient(Uri baseAddress)
    {
        var n = Interlocked.Increment(ref ClientCounter);
        var source = new IPAddress([127, (byte)(1 + (n / 65_536 % 250)), (byte)(n / 256 % 256), (byte)(1 + (n % 254))]);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public static async Task<HttpResponseMessage[]> PostJsonAsync(string path, IReadOnlyList<(object Body, HttpClient Client)> requests)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = requests.Select(async r =>
        {
            await start.WaitAsync();
            return await r.Client.PostAsJsonAsync(path, r.Body);
        }).ToArray();
        start.Release(requests.Count);
        return await Task.WhenAll(tasks);
    }
}
