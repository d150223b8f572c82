using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HumanSecurityAlerts.Functions.AdminConsole;

/// <summary>HTTP helpers of the console functions: pages under a strict policy, See Other redirects, the signed-in chrome.</summary>
internal static class ConsoleHttp
{
    /// <summary>No script at all, styles only from the app's stylesheet, forms only to the app; never cached or framed.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Languages.Language Language(HttpRequest request) =>
        SubscriptionPages.ChooseLanguage(request.Query["lang"], null, request.Headers.AcceptLanguage);

    public static ConsoleChrome Chrome(HttpRequest request, ConsoleSessions sessions) =>
        new(Language(request), sessions.AntiForgeryToken(ConsoleGate.Session(request)));

    public static IActionResult Page(HttpRequest request, string html, int status = StatusCodes.Status200OK)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = status };
    }

    /// <summary>303 to a console path (with the page's language), so a reload never posts twice.</summary>
    public static IActionResult SeeOther(HttpRequest request, string path)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Location = ConsolePages.With(path, Language(request));
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }

    public static IActionResult Refused(HttpRequest request, int status) => Page(request, ConsolePages.Refused(Language(request)), status);
}
