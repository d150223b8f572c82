namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>The local run with a small per-client limit, so bursts go past it quickly.</summary>
public sealed class AbuseLimitsHostFixture : LocalHostFixture
{
    public const int ClientPermits = 5;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:ClientPermits"] = ClientPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:ClientWindow"] = "00:10:00",
        ["RateLimits:ConfirmationMailsPerMinute"] = "1000",
    };
}
