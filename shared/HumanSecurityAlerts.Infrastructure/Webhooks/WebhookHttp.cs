using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// The named <see cref="HttpClient"/> for every outbound webhook call. Its <see cref="SocketsHttpHandler.ConnectCallback"/>
/// resolves the host itself and connects only to the vetted addresses, so a host name cannot be rebound to a private
/// address between a check and the connection. No proxy (it would bypass the check), no redirects, no cookies.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "HumanSecurityAlerts.Webhooks";

    internal static IHttpClientBuilder AddWebhookHttpClient(this IServiceCollection services)
    {
        services.TryAddSingleton<IOutboundAddressPolicy, ConfiguredOutboundAddressPolicy>();
        return services.AddHttpClient(ClientName, c =>
            {
                c.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // per call, see HttpWebhookClient
                c.DefaultRequestHeaders.UserAgent.ParseAdd("HumanSecurityAlerts-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var o = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    ConnectCallback = GuardedConnectCallback(sp.GetRequiredService<IOutboundAddressPolicy>()),
                    ConnectTimeout = o.ConnectTimeout,
                    UseProxy = false,
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.None,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
            })
            // Default HttpClient logging writes full URLs; webhook URLs often embed credentials.
            .RemoveAllLoggers();
    }

    /// <summary>The refusal by the connect-time guard in <paramref name="e"/> or one of its inner exceptions, if any.</summary>
    internal static WebhookDestinationRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookDestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    internal static bool IsRefusal(Exception? e) => FindRefusal(e) is not null;

    /// <summary>
    /// Resolves, refuses the host if any of its addresses is not allowed by <paramref name="policy"/>, then connects to
    /// one of the vetted addresses. Every new connection goes through it, redirect hops included.
    /// </summary>
    internal static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> GuardedConnectCallback(IOutboundAddressPolicy policy) =>
        async (context, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(context);
            var host = context.DnsEndPoint.Host;
            var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0 || !addresses.All(policy.Allows))
            {
                throw new WebhookDestinationRefusedException($"Refused to connect to '{host}': it resolves to a non-public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    internal static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(literal, out var ip)
            ? [ip]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
    }
}
