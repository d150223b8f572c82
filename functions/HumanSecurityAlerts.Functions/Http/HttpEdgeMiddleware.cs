using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// The worker's HTTP edge: <see cref="HttpEdge"/> before each HTTP function, and an RFC 7807 500 (never a stack trace
/// or an empty body) when a function throws.
/// </summary>
internal sealed partial class HttpEdgeMiddleware(ILogger<HttpEdgeMiddleware> logger) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, bool> RateLimited = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var edge = context.InstanceServices.GetRequiredService<HttpEdge>();
        var limited = RateLimited.GetOrAdd(context.FunctionDefinition.EntryPoint, _ => FindMethod(context.FunctionDefinition) is { } m && HttpEdge.IsClientRateLimited(m));
        if (await edge.CheckAsync(http.Request, limited, context.CancellationToken).ConfigureAwait(false) is { } refused)
        {
            context.GetInvocationResult().Value = refused;
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            LogFailed(logger, e, context.FunctionDefinition.Name, context.InvocationId);
            context.GetInvocationResult().Value = Problems.Status(StatusCodes.Status500InternalServerError, "Internal error.", "The request failed; nothing is known to have changed. Reference: " + context.InvocationId);
        }
    }

    private static MethodInfo? FindMethod(FunctionDefinition function)
    {
        var dot = function.EntryPoint.LastIndexOf('.');
        var type = typeof(HttpEdgeMiddleware).Assembly.GetType(function.EntryPoint[..dot]);
        return type?.GetMethod(function.EntryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static);
    }

    [LoggerMessage(1, LogLevel.Error, "Function {FunctionName} failed (invocation {InvocationId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId);
}
