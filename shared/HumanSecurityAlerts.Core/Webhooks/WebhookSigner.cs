using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Signs webhook payloads per Standard Webhooks: <c>webhook-signature</c> is a space-separated list of
/// <c>v1,base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))</c>, one per valid secret (several during a rotation).
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string messageId, long unixTimestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var prefix = Encoding.UTF8.GetBytes(messageId + "." + unixTimestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));

        var signatures = secrets.Select(s => "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.GetKey(s), content)));
        var header = string.Join(' ', signatures);
        return header.Length == 0 ? throw new ArgumentException("At least one secret is required.", nameof(secrets)) : header;
    }

    /// <summary>The three Standard Webhooks headers for one message.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IEnumerable<string> secrets)
    {
        var unix = timestamp.ToUnixTimeSeconds();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [IdHeader] = messageId,
            [TimestampHeader] = unix.ToString(CultureInfo.InvariantCulture),
            [SignatureHeader] = Sign(messageId, unix, body, secrets),
        };
    }
}
