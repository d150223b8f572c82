namespace HumanSecurityAlerts.Storage;

/// <summary>
/// Section <c>TableStorage</c>. Locally its value is a connection string
/// (<c>TableStorage=UseDevelopmentStorage=true</c>); in Azure it is an identity-based connection
/// (<c>TableStorage__tableServiceUri</c>, optionally <c>TableStorage__clientId</c> for a user-assigned identity).
/// </summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "TableStorage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Prepended to every table name, so several deployments or test runs can share one account.</summary>
    public string TablePrefix { get; set; } = "hsa";
}
