using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Functions.AdminConsole;
using HumanSecurityAlerts.Functions.Subscriptions;
using HumanSecurityAlerts.Publications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// The console's door, in front of every <c>/api/console</c> function: the sign-in page is open (its form carries a
/// signed token of its own); every other page needs a session cookie or, behind App Service Authentication, an admin
/// identity, else GET goes to the sign-in page and POST is refused (401); every POST needs the session's anti-forgery
/// token (else 403). A POST's form is read here once, bounded, and handed to the function.
/// </summary>
internal sealed class ConsoleGate(ConsoleSessions sessions, AdminAuthenticator admin, IOptions<PublicationsOptions> publications)
{
    public const string PathPrefix = ConsolePages.Root;

    private const string SessionItem = "hsa.console.session";
    private const string FormItem = "hsa.console.form";

    public static bool IsConsolePath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The session the gate let in.</summary>
    public static ConsoleSession Session(HttpRequest request) => (ConsoleSession)request.HttpContext.Items[SessionItem]!;

    /// <summary>The form of a POST the gate let in.</summary>
    public static Dictionary<string, StringValues> Form(HttpRequest request) => (Dictionary<string, StringValues>)request.HttpContext.Items[FormItem]!;

    public static string Field(HttpRequest request, string name) => Form(request).GetValueOrDefault(name).ToString();

    /// <summary>Null to run the function; otherwise the answer to give instead.</summary>
    public async Task<IActionResult?> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var post = HttpMethods.IsPost(request.Method);
        if (post)
        {
            var (form, problem) = await SubscriptionHttp.ReadFormAsync(request, publications.Value.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
            if (form is null)
            {
                return problem;
            }

            request.HttpContext.Items[FormItem] = form;
        }

        var token = post ? Field(request, ConsolePages.AntiForgeryField) : null;
        if (request.Path.Equals(ConsolePages.SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            return post && !sessions.IsValidSignInFormToken(token) ? ConsoleHttp.Refused(request, StatusCodes.Status403Forbidden) : null;
        }

        if (Find(request) is not { } session)
        {
            return post ? ConsoleHttp.Refused(request, StatusCodes.Status401Unauthorized) : ConsoleHttp.SeeOther(request, ConsolePages.SignInPath);
        }

        if (post && !sessions.IsValidAntiForgeryToken(session, token))
        {
            return ConsoleHttp.Refused(request, StatusCodes.Status403Forbidden);
        }

        request.HttpContext.Items[SessionItem] = session;
        return null;
    }

    private ConsoleSession? Find(HttpRequest request)
    {
        if (sessions.Read(request.Cookies[ConsoleSessions.CookieName]) is { } session)
        {
            return session;
        }

        var principal = request.Headers["X-MS-CLIENT-PRINCIPAL"].ToString();
        return principal.Length > 0 && admin.IsAdmin(null, principal) ? ConsoleSessions.ForPrincipal(principal) : null;
    }
}
