using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> + base64 of 24 to 64 random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key: the base64-decoded part after <c>whsec_</c>.</summary>
    public static bool TryGetKey(string? secret, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var buffer = new byte[secret.Length];
        if (!Convert.TryFromBase64String(secret[Prefix.Length..], buffer, out var written) || written < 24 || written > 64)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    public static byte[] GetKey(string secret) =>
        TryGetKey(secret, out var key) ? key : throw new FormatException("Not a whsec_ webhook secret.");
}
