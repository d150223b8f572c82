namespace HumanSecurityAlerts.Admin;

/// <summary>
/// Section <c>Admin</c>. Admin endpoints accept either the configured key (local use; in Azure a Key Vault
/// reference) or, when <see cref="TrustAppServiceAuthentication"/> is on, an Entra ID user or app that
/// App Service Authentication has signed in and that holds <see cref="RequiredRole"/>.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The platform's own setting, present and <c>True</c> when App Service Authentication is on for the app.</summary>
    public const string PlatformAuthenticationSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>At least 32 characters. Sent as <c>Authorization: Bearer KEY</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header. Only valid where App Service Authentication runs in front of the
    /// app (it validates the bearer token and strips any client-supplied principal header): the app refuses to start
    /// when this is on and <see cref="AppServiceAuthenticationEnabled"/> is not.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    public string RequiredRole { get; set; } = "HumanSecurityAlerts.Admin";

    /// <summary>The claim type (<c>typ</c>) that carries app roles in the principal; ours, never the header's <c>role_typ</c>.</summary>
    public string RoleClaimType { get; set; } = "roles";

    /// <summary>
    /// From <see cref="PlatformAuthenticationSetting"/>, not from this section: the internal setter keeps the binder
    /// from filling it from an <c>Admin__</c> setting.
    /// </summary>
    public bool AppServiceAuthenticationEnabled { get; internal set; }
}
