using System.Net;
using System.Text.Json;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>Every HTTP function the Functions SDK lists in functions.metadata answers on the local host, on the same route and methods.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RouteParityTests(LocalHostFixture host)
{
    public static TheoryData<string, string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string, string>();
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    data.Add(function.GetProperty("name").GetString()!, method.GetString()!.ToUpperInvariant(), binding.GetProperty("route").GetString()!);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Function_is_served_on_its_route_and_method(string name, string method, string route)
    {
        // Route parameters get a placeholder value; the function itself may then answer 4xx, but routing must reach it.
        var path = "api/" + System.Text.RegularExpressions.Regex.Replace(route, "{([^}:?]+)[^}]*}", "placeholder");
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await host.Http.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var servedByRouting404 = response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentLength is 0 or null
            && response.Content.Headers.ContentType is null;
        Assert.False(servedByRouting404, $"{name}: {method} /{path} did not reach the function.");
        if (name != "NoSuchRoute")
        {
            // The catch-all answers what no function takes: reaching it means the route or method was missed.
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(body.Contains("There is no such resource", StringComparison.Ordinal), $"{name}: {method} /{path} fell through to the catch-all.");
        }
    }

    private static string MetadataPath()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions", "bin", framework.Parent!.Name, framework.Name, "functions.metadata");
    }
}
