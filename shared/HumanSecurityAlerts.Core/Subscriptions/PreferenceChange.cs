namespace HumanSecurityAlerts.Subscriptions;

/// <summary>A change of preferences from the manage page or API; null keeps the current value.</summary>
public sealed record PreferenceChange(IReadOnlyList<string?>? Pillars, string? Language, string? Frequency);
