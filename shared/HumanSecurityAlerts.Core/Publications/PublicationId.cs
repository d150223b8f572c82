using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// Publication ids: 32 lower-case hex characters (SHA-256 of the canonical URL, truncated to 128 bits), or an id an
/// admin chose (lower-case letters, digits and dashes). Both are safe as Table keys, URL segments and Service Bus
/// message ids.
/// </summary>
public static partial class PublicationId
{
    public const int MaxLength = 64;

    public static string FromCanonicalUrl(Uri canonicalUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrl);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalUrl.AbsoluteUri));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
