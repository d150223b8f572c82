using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI description of the HTTP API, a static document embedded in this assembly
/// (a unit test holds it to the generated function metadata, so it cannot drift from the routes).
/// </summary>
internal sealed class GetOpenApi
{
    public const string ResourceName = "HumanSecurityAlerts.Functions.OpenApi.openapi.json";

    private static readonly Lazy<byte[]> Document = new(Read);

    [Function(nameof(GetOpenApi))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new FileContentResult(Document.Value, "application/json; charset=utf-8");

    internal static byte[] Read()
    {
        using var stream = typeof(GetOpenApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(ResourceName + " is not embedded in the functions assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
