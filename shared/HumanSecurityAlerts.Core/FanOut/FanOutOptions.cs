using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.FanOut;

/// <summary>Section <c>FanOut</c>. The timer's schedule is the flat app setting <c>FanOutSchedule</c>. Every value has a default.</summary>
public sealed class FanOutOptions
{
    public const string SectionName = "FanOut";

    /// <summary>Subscribers read per page of the pillar index (one partition query page; at most 1000).</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// The first page of a run is this small, so the first deliveries are queued (and sent) while the next, full page is
    /// read, rather than after a whole page has been read and queued.
    /// </summary>
    [Range(1, 1000)]
    public int FirstPageSize { get; set; } = 50;

    /// <summary>Digest queue rows written at once.</summary>
    [Range(1, 256)]
    public int DigestWriteConcurrency { get; set; } = 32;

    /// <summary>After an admin release, run one fan-out pass and one delivery pass right away (the timers are the safety net).</summary>
    public bool KickOnRelease { get; set; } = true;

    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDrainDuration { get; set; } = TimeSpan.FromMinutes(4);
}
