using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Admin;

/// <summary>Decides whether a request comes from an admin, from its headers, the same way on every host.</summary>
public sealed class AdminAuthenticator(IOptions<AdminOptions> options)
{
    private readonly byte[]? keyHash = string.IsNullOrEmpty(options.Value.ApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey));

    /// <param name="authorization">The <c>Authorization</c> header: <c>Bearer KEY</c>.</param>
    /// <param name="appServicePrincipal">The <c>X-MS-CLIENT-PRINCIPAL</c> header, trusted only behind App Service Authentication.</param>
    public bool IsAdmin(string? authorization, string? appServicePrincipal)
    {
        if (keyHash is not null && authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
            && CryptographicOperations.FixedTimeEquals(keyHash, SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()))))
        {
            return true;
        }

        // Start-up refuses trust without the platform; checked here too so a forged header never counts.
        var o = options.Value;
        return o.TrustAppServiceAuthentication && o.AppServiceAuthenticationEnabled && HasRole(appServicePrincipal, o.RoleClaimType, o.RequiredRole);
    }

    /// <summary>Reads the base64 JSON principal App Service Authentication forwards (claims typ/val).</summary>
    private static bool HasRole(string? principal, string roleClaimType, string role)
    {
        if (string.IsNullOrEmpty(principal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(principal));
            return document.RootElement.TryGetProperty("claims", out var claims)
                && claims.EnumerateArray().Any(c =>
                    string.Equals(c.GetProperty("typ").GetString(), roleClaimType, StringComparison.Ordinal)
                    && string.Equals(c.GetProperty("val").GetString(), role, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
