namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>The settings the local run gives the app: its own components, plus local-development switches.</summary>
internal static class LocalSettings
{
    /// <summary>Only for the local run; never used in Azure, where the key comes from Key Vault.</summary>
    public const string LocalAdminKey = "local-dev-admin-key-0123456789abcdef";

    public static Dictionary<string, string?> For(string tables, string serviceBus, int smtpPort, string baseUrl) => new()
    {
        ["TableStorage"] = tables,
        ["ServiceBus"] = serviceBus,
        ["Smtp:Host"] = "localhost",
        ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Site:BaseUrl"] = baseUrl,
        ["Admin:ApiKey"] = LocalAdminKey,
        ["Webhooks:AllowPrivateNetworks"] = "true",
    };
}
