namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The body of <c>POST /api/subscriptions</c>; strings so each bad value is reported against its field.</summary>
public sealed class SubscriptionRequest
{
    public string? Channel { get; set; }

    public string? Email { get; set; }

    public string? Url { get; set; }

#pragma warning disable CA2227 // Bound from JSON.
    public IList<string?>? Pillars { get; set; }
#pragma warning restore CA2227

    public string? Language { get; set; }

    public string? Frequency { get; set; }
}

/// <summary>A change of preferences from the manage page or API; null keeps the current value.</summary>
public sealed record PreferenceChange(IReadOnlyList<string?>? Pillars, string? Language, string? Frequency);
