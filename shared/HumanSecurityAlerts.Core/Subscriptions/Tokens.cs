using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Opaque tokens for links: 256 random bits, base64url (43 characters); stored only as SHA-256 hashes.</summary>
public static class Tokens
{
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the token, the only form that is stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Cheap shape check before any storage read.</summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
