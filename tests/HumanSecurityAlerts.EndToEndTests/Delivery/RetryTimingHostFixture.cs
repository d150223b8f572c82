namespace HumanSecurityAlerts.EndToEndTests.Delivery;

/// <summary>The local run (delivery timer every 30 s, as shipped) with a short retry schedule to watch.</summary>
public sealed class RetryTimingHostFixture : LocalHostFixture
{
    public static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7)];

    protected override void Customize(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Delivery:RetrySchedule"] = "00:00:05, 00:00:07, 00:10:00";
    }
}
