using System.Diagnostics;
using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Rpc;
using HumanSecurityAlerts.LocalHost.Worker;
using Microsoft.AspNetCore.Http.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace HumanSecurityAlerts.LocalHost.Http;

/// <summary>
/// An HTTP function call as the Functions host makes it with a worker that uses the ASP.NET Core integration: an
/// InvocationRequest (the trigger's RpcHttp without its body, route values as trigger metadata) and, at the same time,
/// the request itself proxied unchanged to the worker's HttpUri with the invocation id in <c>x-ms-invocation-id</c>;
/// the worker's response goes back to the client as it comes.
/// </summary>
internal static partial class HttpFunctionInvoker
{
    public static async Task InvokeAsync(HttpContext context, IndexedFunction function, HttpTriggerBinding trigger)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Host.Function");
        var aborted = context.RequestAborted;
        RunningWorker worker;
        try
        {
            worker = await services.GetRequiredService<WorkerHost>().ReadyAsync(aborted).ConfigureAwait(false);
        }
        catch (WorkerUnavailableException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var request = new InvocationRequest { InvocationId = invocationId, FunctionId = worker.FunctionIds[function.Name] };
        request.InputData.Add(new ParameterBinding { Name = trigger.Name, Data = new TypedData { Http = ToRpcHttp(context.Request) } });
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
            }
        }

        var started = Stopwatch.GetTimestamp();
        LogExecuting(logger, function.Name, invocationId);
        var invocation = WorkerHost.InvokeAsync(worker, request, aborted);
        var forwarded = await services.GetRequiredService<IHttpForwarder>().SendAsync(
            context,
            worker.HttpUri!.AbsoluteUri,
            services.GetRequiredService<WorkerHttpClient>(),
            ForwarderRequestConfig.Empty,
            new InvocationTransformer(invocationId)).ConfigureAwait(false);

        string? failure;
        try
        {
            var response = await invocation.ConfigureAwait(false);
            failure = response.Result.Status == StatusResult.Types.Status.Success ? null : response.Result.Exception?.Message ?? response.Result.Result;
        }
        catch (WorkerUnavailableException e)
        {
            failure = e.Message;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            failure = "the client went away";
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (failure is null && forwarded == ForwarderError.None)
        {
            LogExecuted(logger, function.Name, invocationId, elapsed);
            return;
        }

        LogFailed(logger, function.Name, invocationId, elapsed, failure ?? forwarded.ToString());
        if (!context.Response.HasStarted)
        {
            // As the Functions host answers a failed invocation whose response has not started.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    private static RpcHttp ToRpcHttp(HttpRequest request)
    {
        var http = new RpcHttp { Method = request.Method, Url = request.GetEncodedUrl() };
        foreach (var (name, values) in request.Headers)
        {
            http.Headers[name.ToLowerInvariant()] = values.ToString();
        }

        foreach (var (name, values) in request.Query)
        {
            http.Query[name] = values.ToString();
        }

        foreach (var (name, value) in request.RouteValues)
        {
            http.Params[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return http;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{Function}' (Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string function, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{Function}' (Succeeded, Id={InvocationId}, Duration={DurationMs:0}ms)")]
    private static partial void LogExecuted(ILogger logger, string function, string invocationId, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{Function}' (Failed, Id={InvocationId}, Duration={DurationMs:0}ms): {Reason}")]
    private static partial void LogFailed(ILogger logger, string function, string invocationId, double durationMs, string reason);
}
