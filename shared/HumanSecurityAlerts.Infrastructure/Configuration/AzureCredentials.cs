using Azure.Core;
using Azure.Identity;

namespace HumanSecurityAlerts.Configuration;

/// <summary>The credential every Azure client of the app uses (Tables, Service Bus, and the telemetry exporter the worker adds).</summary>
public static class AzureCredentials
{
    /// <summary>A user-assigned managed identity when a client id is configured, else the default chain.</summary>
    public static TokenCredential For(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
