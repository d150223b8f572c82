using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace HumanSecurityAlerts.Functions.Http;

internal static class HttpEdgeExtensions
{
    /// <summary>Admin authorisation, client rate limits, nosniff and problem details for failures, on every HTTP function.</summary>
    public static FunctionsApplicationBuilder UseHttpEdge(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddHttpEdge();
        builder.UseMiddleware<HttpEdgeMiddleware>();
        return builder;
    }

    /// <summary>The services of the edge, for any host that runs the functions.</summary>
    public static IServiceCollection AddHttpEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<ConsoleGate>();
        services.TryAddSingleton<HttpEdge>();
        return services;
    }
}
