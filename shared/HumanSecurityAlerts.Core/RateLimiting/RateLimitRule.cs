namespace HumanSecurityAlerts.RateLimiting;

/// <summary>At most <paramref name="Permits"/> uses per key in a window of <paramref name="Window"/> that starts with the first use.</summary>
/// <param name="Name">Stable name, also the storage partition: letters, digits and dashes.</param>
public sealed record RateLimitRule(string Name, int Permits, TimeSpan Window);
