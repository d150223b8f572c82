namespace HumanSecurityAlerts.Admin;

/// <summary>
/// Section <c>Admin</c>. Admin endpoints accept either the configured key (local use; in Azure a Key Vault
/// reference) or, when <see cref="TrustAppServiceAuthentication"/> is on, an Entra ID user or app that
/// App Service Authentication has signed in and that holds <see cref="RequiredRole"/>.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>At least 32 characters. Sent as <c>Authorization: Bearer KEY</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Only safe where App Service Authentication runs in front of the app: it validates the bearer token and
    /// strips any client-supplied <c>X-MS-CLIENT-PRINCIPAL</c> header.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    public string RequiredRole { get; set; } = "HumanSecurityAlerts.Admin";
}
