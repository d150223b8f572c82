using System.Net.Sockets;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// A worker reports its HttpUri during initialization, before its web server may listen: like the Functions host's
/// proxy, retry a request whose connection was refused (nothing of it was sent) for a few seconds.
/// </summary>
internal sealed class ConnectRetryHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private const int Attempts = 50;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (attempt < Attempts && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
