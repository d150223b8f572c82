using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.AdminConsole;

/// <summary>
/// Signing in to the console and out: the admin key is typed once and exchanged for a signed session cookie
/// (HttpOnly, SameSite=Strict, Secure on https, 8 hours). Sign-in attempts are limited per client
/// (<c>RateLimits:SignInPermits</c> per <c>RateLimits:SignInWindow</c>), right or wrong.
/// </summary>
internal sealed partial class ConsoleAccess(
    ConsoleSessions sessions,
    AdminAuthenticator admin,
    IOptions<AdminOptions> adminOptions,
    IRateLimiter limiter,
    IOptions<RateLimitOptions> limits,
    ILogger<ConsoleAccess> logger)
{
    [Function(nameof(ShowConsoleSignIn))]
    public IActionResult ShowConsoleSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/sign-in")] HttpRequest request) =>
        ConsoleHttp.Page(request, SignInPage(request, wrongKey: false));

    [Function(nameof(ConsoleSignIn))]
    public async Task<IActionResult> ConsoleSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-in")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var decision = await limiter.AcquireAsync(limits.Value.SignInRule, ClientAddress.Key(request.HttpContext.Connection.RemoteIpAddress), cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            LogSignInLimited(seconds);
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ConsoleHttp.Page(request, ConsolePages.TooManySignIns(ConsoleHttp.Language(request), decision.RetryAfter), StatusCodes.Status429TooManyRequests);
        }

        var key = ConsoleGate.Field(request, "key").Trim();
        if (string.IsNullOrEmpty(adminOptions.Value.ApiKey) || key.Length == 0 || !admin.IsAdmin("Bearer " + key, null))
        {
            LogWrongKey();
            return ConsoleHttp.Page(request, SignInPage(request, wrongKey: true), StatusCodes.Status401Unauthorized);
        }

        var (cookie, _) = sessions.Start();
        LogSignedIn();
        request.HttpContext.Response.Cookies.Append(ConsoleSessions.CookieName, cookie, new CookieOptions
        {
            Path = ConsolePages.Root,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            MaxAge = ConsoleSessions.Lifetime,
        });
        return ConsoleHttp.SeeOther(request, ConsolePages.PublicationsPath);
    }

    /// <summary>Forgets the session cookie; behind App Service Authentication, signs out of it too.</summary>
    [Function(nameof(ConsoleSignOut))]
    public IActionResult ConsoleSignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/sign-out")] HttpRequest request)
    {
        request.HttpContext.Response.Cookies.Delete(ConsoleSessions.CookieName, new CookieOptions { Path = ConsolePages.Root, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps });
        if (ConsoleGate.Session(request).ExpiresAt is null)
        {
            request.HttpContext.Response.Headers.Location = "/.auth/logout?post_logout_redirect_uri=" + Uri.EscapeDataString(ConsolePages.With(ConsolePages.SignInPath, ConsoleHttp.Language(request)));
            return new StatusCodeResult(StatusCodes.Status303SeeOther);
        }

        return ConsoleHttp.Page(request, ConsolePages.SignedOut(ConsoleHttp.Language(request)));
    }

    private string SignInPage(HttpRequest request, bool wrongKey)
    {
        var o = adminOptions.Value;
        return ConsolePages.SignIn(ConsoleHttp.Language(request), sessions.SignInFormToken(), !string.IsNullOrEmpty(o.ApiKey), o.TrustAppServiceAuthentication && o.AppServiceAuthenticationEnabled, wrongKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused: not the admin key")]
    private partial void LogWrongKey();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in refused: too many attempts from this client, retry after {RetryAfterSeconds} s")]
    private partial void LogSignInLimited(int retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console session started")]
    private partial void LogSignedIn();
}
