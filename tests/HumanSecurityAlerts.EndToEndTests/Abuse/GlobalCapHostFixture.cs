namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>The local run with a small service-wide cap on confirmation mails and no per-client limit in the way.</summary>
public sealed class GlobalCapHostFixture : LocalHostFixture
{
    public const int MailsPerMinute = 10;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:ClientPermits"] = "1000",
        ["RateLimits:ConfirmationMailsPerMinute"] = MailsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
