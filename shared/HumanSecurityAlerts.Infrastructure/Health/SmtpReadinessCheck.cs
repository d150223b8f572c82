using System.Net.Sockets;
using HumanSecurityAlerts.Email;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Health;

/// <summary>A TCP connection to the SMTP server: no greeting is awaited and nothing is sent.</summary>
internal sealed class SmtpReadinessCheck(IOptions<SmtpOptions> smtp) : IReadinessCheck
{
    public string Name => "smtp";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(smtp.Value.Host, smtp.Value.Port, cancellationToken).ConfigureAwait(false);
    }
}
