using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.FanOut;

/// <summary>Section <c>FanOut</c>. The timer's schedule is the flat app setting <c>FanOutSchedule</c>. Every value has a default.</summary>
public sealed class FanOutOptions
{
    public const string SectionName = "FanOut";

    /// <summary>Subscribers read per page of the pillar index (one partition query page; at most 1000).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>Digest queue rows written at once.</summary>
    [Range(1, 256)]
    public int DigestWriteConcurrency { get; set; } = 32;

    /// <summary>After an admin release, run one fan-out pass and one delivery pass right away (the timers are the safety net).</summary>
    public bool KickOnRelease { get; set; } = true;

    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDrainDuration { get; set; } = TimeSpan.FromMinutes(4);
}

/// <summary>How far the fan-out of one publication (one generation: the first run, or an admin resend) got.</summary>
/// <param name="Stage">Index into the (frequency, pillar) stages: immediate pillars first, then daily, then weekly.</param>
/// <param name="ContinuationToken">Of the next page within <paramref name="Stage"/>; null = the stage's first page.</param>
public sealed record FanOutProgress(
    string PublicationId,
    int Generation,
    int Stage,
    string? ContinuationToken,
    long Queued,
    long Digests,
    bool Completed,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

public interface IFanOutProgressStore
{
    Task<FanOutProgress?> GetAsync(string publicationId, int generation, CancellationToken cancellationToken);

    /// <summary>The highest generation recorded for the publication, or null when the fan-out never started.</summary>
    Task<FanOutProgress?> GetLatestAsync(string publicationId, CancellationToken cancellationToken);

    Task SaveAsync(FanOutProgress progress, CancellationToken cancellationToken);
}

/// <summary>What the fan-out needs of a publication (all of it is in the topic message).</summary>
public sealed record FanOutRequest(string PublicationId, string Title, Uri Url, IReadOnlyList<string> Pillars, string Language, DateTimeOffset PublishedAt, int Generation);
