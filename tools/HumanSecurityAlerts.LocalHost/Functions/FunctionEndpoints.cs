using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace HumanSecurityAlerts.LocalHost.Functions;

internal static class FunctionEndpoints
{
    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    /// <summary>Maps every HTTP-triggered function to the route and methods it has under the Functions host.</summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions)
    {
        foreach (var function in functions.OfType<HttpFunctionDescriptor>())
        {
            endpoints.MapMethods($"{RoutePrefix}/{function.Route}", function.Methods, context => FunctionInvoker.InvokeHttpAsync(function, context))
                .WithName(function.Name)
                .WithDisplayName(function.Name);
        }

        return endpoints;
    }
}
