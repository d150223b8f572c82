using System.Text.RegularExpressions;
using HumanSecurityAlerts.Email;

namespace HumanSecurityAlerts.Diagnostics;

/// <summary>
/// The one rule set for what must never be written to a log line or telemetry item: link tokens in paths
/// (<c>/api/subscriptions/manage/{token}</c>, <c>/unsubscribe/{token}</c>) and in query strings (<c>token=</c>),
/// webhook signing secrets (<c>whsec_…</c>) and full email addresses (masked as <c>j***@example.org</c>).
/// Applied to every logger by the redacting logger factory (Infrastructure): ours, ASP.NET Core's and the Functions worker's.
/// </summary>
public static partial class LogRedaction
{
    public const string Mask = "[redacted]";

    /// <summary>The text with every token, secret and email address replaced; the same instance when there is none.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var original = text;

        // Cheap checks first: almost no log line holds any of these.
        if (text.Contains("token", StringComparison.OrdinalIgnoreCase) || text.Contains("manage", StringComparison.OrdinalIgnoreCase)
            || text.Contains("unsubscribe", StringComparison.OrdinalIgnoreCase))
        {
            text = PathToken().Replace(text, Mask);
            text = QueryToken().Replace(text, Mask);
        }

        if (text.Contains("whsec_", StringComparison.Ordinal))
        {
            text = WebhookSecret().Replace(text, "whsec_" + Mask);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            text = Email().Replace(text, m => EmailAddress.Mask(m.Value));
        }

        // Already-masked addresses (j***@example.org) are matched and masked again to the same text.
        return text == original ? original : text;
    }

    // The segment after subscriptions/manage/ or unsubscribe/ (not /api/manage/..., the admin routes), raw or
    // percent-encoded slashes alike.
    [GeneratedRegex(@"(?<=(?:subscriptions(?:/|%2F)manage|unsubscribe)(?:/|%2F))[^/?#&\s""'<>%]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathToken();

    [GeneratedRegex(@"(?<=\btoken(?:=|%3D))[^&#\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryToken();

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/=_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex WebhookSecret();

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
