namespace HumanSecurityAlerts.RateLimiting;

/// <summary>
/// Section <c>RateLimits</c>: limits on the anonymous endpoints that send mail or make an outbound call. The per-address
/// limit on confirmation mails is <c>Subscriptions:ConfirmationThrottle</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests one client (IP address; IPv6 by /64) may make to those endpoints per <see cref="ClientWindow"/>.</summary>
    public int ClientPermits { get; set; } = 10;

    public TimeSpan ClientWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Confirmation and reminder mails the whole service sends per minute, whoever asks.</summary>
    public int ConfirmationMailsPerMinute { get; set; } = 60;

    /// <summary>Console sign-in attempts one client may make per <see cref="SignInWindow"/>, right or wrong: guessing the key stays slow.</summary>
    public int SignInPermits { get; set; } = 10;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    public RateLimitRule SignInRule => new("sign-in", SignInPermits, SignInWindow);

    public RateLimitRule ClientRule => new("client", ClientPermits, ClientWindow);

    public RateLimitRule ConfirmationMailRule => new("confirmation-mail", ConfirmationMailsPerMinute, TimeSpan.FromMinutes(1));
}
