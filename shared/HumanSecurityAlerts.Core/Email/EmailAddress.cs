using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace HumanSecurityAlerts.Email;

/// <summary>Validation, normalisation and log-safe masking of email addresses.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// Trimmed, Unicode NFC, lower-cased, the domain in its ASCII (punycode) form: one mailbox maps to one subscriber
    /// however its domain is spelt (<c>exämple.org</c> and <c>xn--exmple-cua.org</c> are the same).
    /// </summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var trimmed = address.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return trimmed;
        }

        try
        {
            return string.Concat(trimmed.AsSpan(0, at + 1), Idn.GetAscii(trimmed[(at + 1)..]).ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return trimmed;
        }
    }

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var trimmed = address.Trim();
        // Format characters (bidi overrides, zero-width joiners) would let one address pass for another on screen.
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == trimmed.Length - 1)
        {
            return false;
        }

        var domain = trimmed[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || Uri.CheckHostName(domain) != UriHostNameType.Dns)
        {
            return false;
        }

        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && string.IsNullOrEmpty(parsed.DisplayName);
    }

    /// <summary>For logs: <c>j***@example.org</c>.</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : string.Concat(address.AsSpan(0, 1), "***", address.AsSpan(at));
    }

    /// <summary>Lower-case hex SHA-256 of the normalised address: a stable key that does not show the address.</summary>
    public static string Hash(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(address))));
}
