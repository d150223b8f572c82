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
