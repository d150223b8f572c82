using System.Reflection;
using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// What every HTTP request goes through before its function runs, whatever hosts it: admin routes need an admin,
/// console pages a console session (<see cref="ConsoleGate"/>), functions marked <see cref="ClientRateLimitedAttribute"/> count against the caller's limit, and no response is sniffed.
/// </summary>
internal sealed class HttpEdge(AdminAuthenticator admin, ConsoleGate console, IRateLimiter limiter, IOptions<RateLimitOptions> limits)
{
    /// <summary>Every route under it is an admin route (the host reserves <c>/admin</c>).</summary>
    public const string AdminPathPrefix = "/api/manage";

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments(AdminPathPrefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsClientRateLimited(MethodInfo function) => function.IsDefined(typeof(ClientRateLimitedAttribute), inherit: false);

    /// <summary>Null to run the function; otherwise the answer to give instead (303 to sign in, 401, 403, 429).</summary>
    public async Task<IActionResult?> CheckAsync(HttpRequest request, bool clientRateLimited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        if (IsAdminPath(request.Path) && !admin.IsAdmin(request.Headers.Authorization, request.Headers["X-MS-CLIENT-PRINCIPAL"]))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Status(StatusCodes.Status401Unauthorized, "Admin credentials required.", "Send the admin key as 'Authorization: Bearer KEY'.");
        }

        if (ConsoleGate.IsConsolePath(request.Path) && await console.CheckAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (clientRateLimited)
        {
            var client = ClientAddress.Key(request.HttpContext.Connection.RemoteIpAddress);
            var decision = await limiter.AcquireAsync(limits.Value.ClientRule, client, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return Problems.TooManyRequests(request.HttpContext.Response, decision.RetryAfter, "Too many requests from this client.");
            }
        }

        return null;
    }
}
