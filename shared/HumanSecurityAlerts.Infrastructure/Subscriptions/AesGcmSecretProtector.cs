using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// AES-256-GCM with the key in <c>Subscriptions:EncryptionKey</c>. Format: <c>v1.</c> + base64(nonce ‖ ciphertext ‖ tag).
/// Without a key, nothing that needs protection (any subscription) can be created: the error names the setting.
/// </summary>
internal sealed class AesGcmSecretProtector(IOptions<SubscriptionOptions> options) : ISecretProtector
{
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> key = new(() => ParseKey(options.Value.EncryptionKey)
        ?? throw new InvalidOperationException($"Setting '{SubscriptionOptions.SectionName}__EncryptionKey' is missing or not base64 of 32 bytes; subscriptions need it to protect secrets at rest."));

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Value, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length));
        return Version + Convert.ToBase64String(output);
    }

    public string Unprotect(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (!protectedValue.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown protected value format.");
        }

        var input = Convert.FromBase64String(protectedValue[Version.Length..]);
        if (input.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Protected value too short.");
        }

        var length = input.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key.Value, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, length), input.AsSpan(NonceSize + length), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    internal static byte[]? ParseKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var buffer = new byte[48];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32 ? buffer[..32] : null;
    }
}
