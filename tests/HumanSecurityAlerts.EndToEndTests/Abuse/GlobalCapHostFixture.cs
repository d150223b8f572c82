namespace HumanSecurityAlerts.EndToEndTests.Abuse;

/// <summary>The local run with a small service-wide cap on confirmation mails and no per-client limit in the way.</summary>
public sealed class GlobalCapHostFixture : LocalHostFixture
{
    public const int MailsPerMinute = 10;

    protected override void Customize(IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["RateLimits:ClientPermits"] = "1000";
        settings["RateLimits:ConfirmationMailsPerMinute"] = MailsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
