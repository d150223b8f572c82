namespace HumanSecurityAlerts.RateLimiting;

/// <summary>
/// Counts uses of a rule per key in a store every instance shares, so a limit holds across instances and under
/// concurrent requests: of many simultaneous callers, only as many as the rule permits are allowed.
/// </summary>
public interface IRateLimiter
{
    Task<RateLimitDecision> AcquireAsync(RateLimitRule rule, string key, CancellationToken cancellationToken);

    /// <summary>Gives a key's window back, e.g. when the action it allowed failed before anything was sent.</summary>
    Task ResetAsync(RateLimitRule rule, string key, CancellationToken cancellationToken);

    /// <summary>Deletes windows that ended before <paramref name="before"/> (housekeeping); returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
