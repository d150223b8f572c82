using System.Globalization;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>
/// How big the fault suite runs: CI runs 200 subscribers and short outages; <c>HSA_FAULT_SCALE=full</c> runs the
/// figures of docs/reliability.md (1,000 subscribers, SMTP down for two minutes). <c>HSA_FAULT_SUBSCRIBERS</c> sets the
/// count alone.
/// </summary>
public sealed record FaultScale(int Subscribers, TimeSpan SmtpOutage, TimeSpan Outage)
{
    public static FaultScale Current { get; } = Read();

    /// <summary>Notifications one release makes: one per subscriber (each follows every pillar).</summary>
    public int PerRelease => Subscribers;

    private static FaultScale Read()
    {
        var full = string.Equals(Environment.GetEnvironmentVariable("HSA_FAULT_SCALE"), "full", StringComparison.OrdinalIgnoreCase);
        var scale = full
            ? new FaultScale(1000, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30))
            : new FaultScale(200, TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(10));
        return int.TryParse(Environment.GetEnvironmentVariable("HSA_FAULT_SUBSCRIBERS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 2
            ? scale with { Subscribers = count - (count % 2) }
            : scale;
    }
}
