namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Section <c>Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>How long an email confirmation link works.</summary>
    public TimeSpan ConfirmationTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most one confirmation email per address in this period; further requests get the same answer and no mail.</summary>
    public TimeSpan ConfirmationThrottle { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Time the webhook verification handshake may take.</summary>
    public TimeSpan VerificationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the old secret keeps signing after a rotation.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key protecting webhook secrets and management tokens at rest
    /// (in Azure, a Key Vault reference). Generate one with <c>openssl rand -base64 32</c>.
    /// </summary>
    public string? EncryptionKey { get; set; }
}
