using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.Digests;

/// <summary>
/// Section <c>Digests</c>. When digests go out is set by the flat app settings <c>DailyDigestSchedule</c> and
/// <c>WeeklyDigestSchedule</c> (NCRONTAB, UTC unless the host sets a time zone).
/// </summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digests";

    /// <summary>Most publications listed in one digest (the newest); the rest are still marked as sent.</summary>
    [Range(1, 500)]
    public int MaxItems { get; set; } = 50;

    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 8;
}

/// <summary>A publication waiting for a subscriber's next digest.</summary>
public sealed record DigestItem(string PublicationId, string Title, Uri Url, IReadOnlyList<string> Pillars, string Language, DateTimeOffset PublishedAt);

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
