using System.Net;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>Public addresses only (<see cref="NetworkAddressPolicy"/>), unless <c>Webhooks:AllowPrivateNetworks</c> (local development).</summary>
internal sealed class ConfiguredOutboundAddressPolicy(IOptions<WebhookOptions> options) : IOutboundAddressPolicy
{
    public bool Allows(IPAddress address) => options.Value.AllowPrivateNetworks || NetworkAddressPolicy.IsPublic(address);
}
