namespace HumanSecurityAlerts.Digests;

/// <summary>Publications recorded per subscriber for the next digest, and which digests went out (per subscriber and period).</summary>
public interface IDigestStore
{
    /// <summary>Idempotent: one row per (subscriber, publication), however many pillars matched.</summary>
    Task AddAsync(string subscriberId, DigestItem item, CancellationToken cancellationToken);

    Task<IReadOnlyList<DigestItem>> GetAsync(string subscriberId, CancellationToken cancellationToken);

    Task RemoveAsync(string subscriberId, IEnumerable<string> publicationIds, CancellationToken cancellationToken);

    /// <summary>The publication ids of the digest sent for <paramref name="period"/>, or null when none was sent.</summary>
    Task<IReadOnlyList<string>?> GetSentAsync(string period, string subscriberId, CancellationToken cancellationToken);

    Task MarkSentAsync(string period, string subscriberId, IReadOnlyList<string> publicationIds, DateTimeOffset at, CancellationToken cancellationToken);
}
