using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Worker;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// The HTTP functions on the routes and methods the worker's indexing declares, under the route prefix of host.json;
/// empty until the first worker has indexed the functions.
/// </summary>
internal sealed class FunctionEndpointDataSource(FunctionIndex index, FunctionsAppFolder app) : EndpointDataSource
{
    private IReadOnlyList<Endpoint>? endpoints;

    public override IReadOnlyList<Endpoint> Endpoints =>
        index.Indexed.IsCompletedSuccessfully ? endpoints ??= Build(index.Indexed.Result, app.RoutePrefix()) : [];

    // Changes once, when the functions are indexed; a token that fires again after that would be re-registered forever.
    public override IChangeToken GetChangeToken() =>
        new CancellationChangeToken(index.Indexed.IsCompleted ? CancellationToken.None : index.Published);

    private static List<Endpoint> Build(IEnumerable<IndexedFunction> functions, string routePrefix)
    {
        var built = new List<Endpoint>();
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpTriggerBinding http)
            {
                continue;
            }

            var pattern = RoutePatternFactory.Parse(string.IsNullOrEmpty(routePrefix) ? http.Route : $"{routePrefix}/{http.Route}");
            var builder = new RouteEndpointBuilder(context => HttpFunctionInvoker.InvokeAsync(context, function, http), pattern, 0)
            {
                DisplayName = function.Name,
            };
            builder.Metadata.Add(new HttpMethodMetadata(http.Methods));
            built.Add(builder.Build());
        }

        return built;
    }
}
