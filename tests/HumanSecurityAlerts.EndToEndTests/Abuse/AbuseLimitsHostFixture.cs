namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>The local run with a small per-client limit, so bursts go past it quickly.</summary>
public sealed class AbuseLimitsHostFixture : LocalHostFixture
{
    public const int ClientPermits = 5;

    protected override void Customize(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RateLimits:ClientPermits"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimits:ClientWindow"] = "00:10:00";
        settings["RateLimits:ConfirmationMailsPerMinute"] = "1000";
    }
}
