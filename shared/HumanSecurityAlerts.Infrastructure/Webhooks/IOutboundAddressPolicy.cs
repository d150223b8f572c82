using System.Net;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Which resolved addresses an outbound connection (webhook call, feed fetch, every redirect hop) may be opened to.
/// Checked by <see cref="WebhookHttp.GuardedConnectCallback"/> at connect time, after DNS resolution.
/// </summary>
internal interface IOutboundAddressPolicy
{
    bool Allows(IPAddress address);
}
