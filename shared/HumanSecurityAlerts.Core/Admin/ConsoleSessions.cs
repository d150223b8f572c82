using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Admin;

/// <summary>
/// Stateless console sessions and anti-forgery tokens, HMAC-signed. The signing key is derived from the admin key and
/// the subscriptions' encryption key, so rotating either signs every console user out. A session cookie is
/// <c>v1.expires.nonce.mac</c>; the anti-forgery token is a MAC of the session's subject, so it cannot be reused
/// with another session. The sign-in form carries a token of its own (a MAC of its expiry), having no session yet.
/// </summary>
public sealed class ConsoleSessions(IOptions<AdminOptions> admin, IOptions<SubscriptionOptions> subscriptions, TimeProvider time)
{
    public const string CookieName = "hsa-console";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private static readonly TimeSpan SignInFormLifetime = TimeSpan.FromHours(1);

    private readonly Lazy<byte[]> key = new(() => SHA256.HashData(Encoding.UTF8.GetBytes(
        "hsa-console-v1\n" + (admin.Value.ApiKey ?? "") + "\n" + (subscriptions.Value.EncryptionKey ?? ""))));

    /// <summary>A new session: the cookie value and the session it stands for.</summary>
    public (string Cookie, ConsoleSession Session) Start()
    {
        var expires = time.GetUtcNow() + Lifetime;
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(18));
        var payload = "v1." + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + nonce;
        return (payload + "." + Mac("session|" + payload), new ConsoleSession("s:" + nonce, expires));
    }

    /// <summary>The session a cookie stands for; null when absent, forged or expired.</summary>
    public ConsoleSession? Read(string? cookie)
    {
        var parts = cookie?.Split('.');
        if (parts is not { Length: 4 } || parts[0] != "v1"
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !Equal(parts[3], Mac("session|" + string.Join('.', parts[..3]))))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        return expires > time.GetUtcNow() ? new ConsoleSession("s:" + parts[2], expires) : null;
    }

    /// <summary>A session for an identity App Service Authentication vouches for (it keeps its own sign-in cookie).</summary>
    public static ConsoleSession ForPrincipal(string principal) =>
        new("p:" + Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(principal))), null);

    public string AntiForgeryToken(ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Mac("csrf|" + session.Subject);
    }

    public bool IsValidAntiForgeryToken(ConsoleSession session, string? token) => token is not null && Equal(token, AntiForgeryToken(session));

    public string SignInFormToken()
    {
        var expires = (time.GetUtcNow() + SignInFormLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return expires + "." + Mac("sign-in|" + expires);
    }

    public bool IsValidSignInFormToken(string? token)
    {
        var parts = token?.Split('.');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && Equal(parts[1], Mac("sign-in|" + parts[0]))
            && seconds > time.GetUtcNow().ToUnixTimeSeconds();
    }

    private string Mac(string value) => Base64Url(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(value)));

    private static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
