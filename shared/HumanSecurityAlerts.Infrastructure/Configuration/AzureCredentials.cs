using Azure.Core;
using Azure.Identity;

namespace HumanSecurityAlerts.Configuration;

internal static class AzureCredentials
{
    /// <summary>A user-assigned managed identity when a client id is configured, else the default chain.</summary>
    public static TokenCredential For(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
