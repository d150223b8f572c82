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
        var header = new StringBuilder();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var secret in secrets)
        {
            // Prefix and body hashed in turn: the body is not copied once per secret.
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, WebhookSecret.GetKey(secret));
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(mac);
            header.Append(header.Length == 0 ? "v1," : " v1,").Append(Convert.ToBase64String(mac));
        }

        return header.Length == 0 ? throw new ArgumentException("At least one secret is required.", nameof(secrets)) : header.ToString();
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
