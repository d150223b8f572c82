namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>The fixed ports of the local run, matching local.settings.sample.json and the Core Tools default.</summary>
internal static class LocalPorts
{
    public const int Functions = 7071;
    public const int AzuriteBlob = 10000;
    public const int AzuriteQueue = 10001;

    /// <summary>Azurite's Table service.</summary>
    public const int Azurite = 10002;
    public const int ServiceBus = 5672;
    public const int Smtp = 2525;
    public const int Smtp4devWeb = 5000;
}
