using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Http;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace HumanSecurityAlerts.Functions.Subscriptions;

/// <summary>HTTP helpers shared by the subscription functions: HTML pages with safe headers, size-limited form bodies.</summary>
internal static class SubscriptionHttp
{
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Tokens travel in URLs: never cache, never leak them in a Referer; no scripts, styles only from the site's stylesheet.</summary>
    public static IActionResult Page(HttpRequest request, string html, int status = StatusCodes.Status200OK)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = status };
    }

    public static IActionResult Json(HttpRequest request, object value, int status = StatusCodes.Status200OK)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(value) { StatusCode = status, ContentTypes = { "application/json" } };
    }

    public static Languages.Language Language(HttpRequest request, Languages.Language? subscriberLanguage = null) =>
        SubscriptionPages.ChooseLanguage(request.Query["lang"], subscriberLanguage, request.Headers.AcceptLanguage);

    public static bool IsJson(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A browser's form post (the manage page's buttons), answered with a page rather than JSON.</summary>
    public static bool IsForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    public static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an application/x-www-form-urlencoded body (or none) within <see cref="MaxBodyBytes"/>; null and a 413 when larger.</summary>
    public static Task<(Dictionary<string, StringValues>? Form, IActionResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadFormAsync(request, MaxBodyBytes, cancellationToken);

    /// <summary>Reads an application/x-www-form-urlencoded body (or none) within <paramref name="maxBytes"/>; null and a 413 when larger.</summary>
    public static async Task<(Dictionary<string, StringValues>? Form, IActionResult? Problem)> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var body = await BoundedBody.ReadAsync(request.Body, (int)Math.Min(maxBytes, int.MaxValue - 1), cancellationToken).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        var text = System.Text.Encoding.UTF8.GetString(body.Span);
        return (QueryHelpers.ParseQuery(text.Length == 0 ? "" : "?" + text), null);
    }

    public static IActionResult TokenProblem(HttpRequest request, TokenOutcome outcome, Languages.Language? language = null)
    {
        var lang = Language(request, language);
        return outcome == TokenOutcome.Expired
            ? Page(request, SubscriptionPages.ExpiredLink(lang), StatusCodes.Status410Gone)
            : Page(request, SubscriptionPages.InvalidLink(lang), StatusCodes.Status404NotFound);
    }

    public static IActionResult TooManyRequestsPage(HttpRequest request, TimeSpan retryAfter, Languages.Language language)
    {
        request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page(request, SubscriptionPages.TooManyRequests(language, retryAfter), StatusCodes.Status429TooManyRequests);
    }

    public static IActionResult TokenProblemJson(TokenOutcome outcome) => outcome == TokenOutcome.Expired
        ? Problems.Status(StatusCodes.Status410Gone, "Link expired.", "This link has expired; nothing was changed.")
        : Problems.NotFound("This link is not valid or has already been used; nothing was changed.");

    private static IActionResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large.", $"The body must not exceed {maxBytes} bytes.");
}
