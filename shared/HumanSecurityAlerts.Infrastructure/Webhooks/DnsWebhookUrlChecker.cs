using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Registration-time URL check. The connect-time guard in <see cref="WebhookHttp"/> remains the real protection
/// (a host may resolve differently later); this one gives the subscriber a clear error on the <c>url</c> field.
/// </summary>
internal sealed class DnsWebhookUrlChecker(IOptions<WebhookOptions> options) : IWebhookUrlChecker
{
    public const int MaxLength = 2048;

    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        var allowPrivate = options.Value.AllowPrivateNetworks;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "A webhook URL is required.";
        }

        if (url.Length > MaxLength)
        {
            return $"Must be at most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "Must be an absolute https URL.";
        }

        if (!(uri.Scheme == Uri.UriSchemeHttps || (allowPrivate && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return "Must be an https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Must not contain a user name or password.";
        }

        if (allowPrivate)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var addresses = await WebhookHttp.ResolveAsync(uri.IdnHost, timeout.Token).ConfigureAwait(false);
            if (addresses.Length == 0)
            {
                return "The host name does not resolve.";
            }

            return addresses.All(NetworkAddressPolicy.IsPublic)
                ? null
                : "Points at a loopback, private, link-local or cloud metadata address, which is not allowed.";
        }
        catch (SocketException)
        {
            return "The host name does not resolve.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "The host name could not be resolved in time.";
        }
    }
}
