namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Section <c>Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>How long an email confirmation link works.</summary>
    public TimeSpan ConfirmationTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most one confirmation email per address in this period; further requests get the same answer and no mail.</summary>
    public TimeSpan ConfirmationThrottle { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Every email subscribe is answered after this long at least, whatever the address's state, so that response times
    /// cannot tell new, pending, active and throttled addresses apart. Above the slowest normal answer (SMTP included).
    /// </summary>
    public TimeSpan EmailAnswerTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A webhook never verified is deleted (with its manage link) this long after it was created.</summary>
    public TimeSpan PendingWebhookLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// An unsubscribed subscriber, or a webhook disabled after failing, is deleted (address, manage link and all) this
    /// long after its last activity. Manage links of active subscribers live as long as the subscription, until replaced.
    /// </summary>
    public TimeSpan InactiveRetention { get; set; } = TimeSpan.FromDays(90);

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
