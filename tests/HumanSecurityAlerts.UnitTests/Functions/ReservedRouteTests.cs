using System.Text.Json;

namespace HumanSecurityAlerts.UnitTests.Functions;

/// <summary>
/// The Functions host refuses HTTP routes (and route-less function names) that start with "admin" — its own
/// management API — with "The specified route conflicts with one or more built in routes", whatever the route prefix;
/// the function then only answers 404 in Azure. Admin endpoints therefore live under <c>manage/</c>.
/// </summary>
public sealed class ReservedRouteTests
{
    [Fact]
    public void No_HTTP_function_claims_a_route_reserved_by_the_host()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = HumanSecurityAlerts.Testing.RepositoryPaths.Combine(
            "functions", "HumanSecurityAlerts.Functions", "bin", framework.Parent!.Name, framework.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} not found: build the Functions app first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));

        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            foreach (var binding in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var route = binding.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : name;
                Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), $"{name}: route '{route}' is reserved by the Functions host.");
                Assert.False(route.StartsWith("runtime/", StringComparison.OrdinalIgnoreCase), $"{name}: route '{route}' is reserved by the Functions host.");
            }
        }
    }
}
