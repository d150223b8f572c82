using System.Text.Json;
using System.Text.Json.Serialization;
using HumanSecurityAlerts.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// Reads a JSON request body within a size limit: 415 for another media type, 413 as soon as the limit is passed
/// (from Content-Length, or while streaming a chunked body, never buffering more than the limit), 400 for malformed JSON.
/// </summary>
internal static class JsonBody
{
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<(T? Value, IActionResult? Problem)> ReadAsync<T>(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", "Send the body as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var body = await BoundedBody.ReadAsync(request.Body, (int)Math.Min(maxBytes, int.MaxValue - 1), cancellationToken).ConfigureAwait(false);
        if (body.TooLarge)
        {
            return (null, TooLarge(maxBytes));
        }

        if (body.Span.IsEmpty)
        {
            return (null, Problems.Validation("body", "A JSON body is required."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, SerializerOptions);
            return value is null
                ? (null, Problems.Validation("body", "A JSON object is required."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, Problems.Validation(field, "Malformed JSON or a value of the wrong type."));
        }
    }

    private static IActionResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large.", $"The body must not exceed {maxBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
