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
