using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// One subscriber (an email address or a webhook endpoint) and its preferences. Email subscribers are keyed by a hash
/// of the normalised address (<c>e</c> + hex SHA-256), so an address has at most one record; webhook subscribers by a
/// random id (<c>w</c> + hex). Secrets and the management token are kept only in protected (encrypted) form.
/// </summary>
public sealed record Subscriber
{
    public required string Id { get; init; }

    public required SubscriptionChannel Channel { get; init; }

    public required SubscriberStatus Status { get; init; }

    /// <summary>The normalised address (email channel).</summary>
    public string? Email { get; init; }

    /// <summary>The endpoint (webhook channel).</summary>
    public string? Url { get; init; }

    public required IReadOnlyList<string> Pillars { get; init; }

    public required Language Language { get; init; }

    public required SubscriptionFrequency Frequency { get; init; }

    /// <summary>The management token, protected, so links (manage, unsubscribe) can be put in every message.</summary>
    public required string ProtectedManageToken { get; init; }

    public string? ProtectedSecret { get; init; }

    /// <summary>The secret replaced by the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>When the last confirmation (or "already subscribed") email went out, to throttle repeated requests.</summary>
    public DateTimeOffset? LastConfirmationSentAt { get; init; }

    /// <summary>When delivery disabled this webhook endpoint (it kept failing); verifying it again re-enables it.</summary>
    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Why delivery disabled the endpoint, shown on the manage page (no secrets, no response bodies).</summary>
    public string? DisabledReason { get; init; }

    /// <summary>The address or URL messages go to.</summary>
    public string Address => Channel == SubscriptionChannel.Email ? Email ?? "" : Url ?? "";

    /// <summary>The secrets that sign at <paramref name="now"/>: the current one, and the previous one during a rotation's overlap.</summary>
    internal IReadOnlyList<string> SigningSecrets(ISecretProtector protector, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(protector);
        var secrets = new List<string>(2);
        if (ProtectedSecret is not null)
        {
            secrets.Add(protector.Unprotect(ProtectedSecret));
        }

        if (ProtectedPreviousSecret is not null && PreviousSecretExpiresAt > now)
        {
            secrets.Add(protector.Unprotect(ProtectedPreviousSecret));
        }

        return secrets;
    }
}
