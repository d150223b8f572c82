using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Admin;

/// <summary>Decides whether a request comes from an admin, from its headers, the same way on every host.</summary>
public sealed class AdminAuthenticator(IOptions<AdminOptions> options)
{
    private readonly byte[]? keyHash = string.IsNullOrEmpty(options.Value.ApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey));

    public bool IsAdmin(string? authorization, string? appServicePrincipal)
    {
        string? presented = null;
        if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        if (keyHash is not null && presented is not null
            && CryptographicOperations.FixedTimeEquals(keyHash, SHA256.HashData(Encoding.UTF8.GetBytes(presented))))
        {
            return true;
        }

        return options.Value.TrustAppServiceAuthentication && HasRole(appServicePrincipal, options.Value.RequiredRole);
    }

    /// <summary>Reads the base64 JSON principal App Service Authentication forwards (claims typ/val).</summary>
    private static bool HasRole(string? principal, string role)
    {
        if (string.IsNullOrEmpty(principal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(principal));
            var roleType = document.RootElement.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
            return document.RootElement.TryGetProperty("claims", out var claims)
                && claims.EnumerateArray().Any(c =>
                    (c.GetProperty("typ").GetString() is { } typ && (typ == roleType || typ == "roles"))
                    && string.Equals(c.GetProperty("val").GetString(), role, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
