using HumanSecurityAlerts.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>RFC 7807 problem details responses.</summary>
internal static class Problems
{
    private const string ContentType = "application/problem+json";

    public static IActionResult Status(int status, string title, string? detail = null) =>
        new ObjectResult(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeFor(status) })
        {
            StatusCode = status,
            ContentTypes = { ContentType },
        };

    public static IActionResult Validation(FieldErrors errors) =>
        new ObjectResult(new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Type = TypeFor(StatusCodes.Status400BadRequest),
        })
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentTypes = { ContentType },
        };

    public static IActionResult Validation(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static IActionResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found.", detail);

    /// <summary>429 with <c>Retry-After</c> in whole seconds.</summary>
    public static IActionResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Status(StatusCodes.Status429TooManyRequests, "Too many requests.", $"{detail} Try again in {seconds} s.");
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        _ => "about:blank",
    };
}
