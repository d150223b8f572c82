using System.Text.Json;
using System.Text.RegularExpressions;
using HumanSecurityAlerts.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HumanSecurityAlerts.UnitTests.Functions;

/// <summary>The served OpenAPI description against the generated functions.metadata, so the two cannot drift apart.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public void Every_http_function_is_described_by_method_and_route_and_nothing_else_is()
    {
        using var openApi = JsonDocument.Parse(GetOpenApi.Read());
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                described[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = operation.Value.GetProperty("operationId").GetString()!;
            }
        }

        Assert.Equal("/api", openApi.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(HttpFunctions().OrderBy(p => p.Key, StringComparer.Ordinal), described.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_path_parameter_of_a_route_is_declared_by_each_of_its_operations()
    {
        using var openApi = JsonDocument.Parse(GetOpenApi.Read());
        foreach (var path in openApi.RootElement.GetProperty("paths").EnumerateObject())
        {
            var inRoute = RouteParameter().Matches(path.Name).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
            foreach (var operation in path.Value.EnumerateObject())
            {
                var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList()
                    : [];
                Assert.True(inRoute.SequenceEqual(declared), $"{operation.Name} {path.Name} declares [{string.Join(", ", declared)}]");
            }
        }
    }

    [Fact]
    public void The_function_serves_the_embedded_document_as_json()
    {
        var result = Assert.IsType<FileContentResult>(GetOpenApi.Run(new DefaultHttpContext().Request));

        Assert.StartsWith("application/json", result.ContentType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(result.FileContents);
        Assert.Equal("3.1.0", document.RootElement.GetProperty("openapi").GetString());
    }

    /// <summary>"METHOD /route" → function name, for every HTTP function but the catch-all that answers 404 and 405.</summary>
    private static Dictionary<string, string> HttpFunctions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(FunctionsMetadataTests.MetadataPath()));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            if (trigger.GetProperty("type").GetString() != "httpTrigger" || trigger.GetProperty("route").GetString()!.StartsWith("{*", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in trigger.GetProperty("methods").EnumerateArray())
            {
                result[$"{method.GetString()!.ToUpperInvariant()} /{trigger.GetProperty("route").GetString()}"] = function.GetProperty("name").GetString()!;
            }
        }

        return result;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();
}
