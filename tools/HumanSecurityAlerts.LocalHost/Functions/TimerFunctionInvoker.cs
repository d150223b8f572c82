using System.Diagnostics;
using System.Text.Json;
using HumanSecurityAlerts.LocalHost.Rpc;
using HumanSecurityAlerts.LocalHost.Worker;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>
/// A timer function call as the Functions host makes it: an InvocationRequest whose trigger data is the TimerInfo as
/// JSON. A failed run is logged and not retried; the next occurrence runs as usual.
/// </summary>
internal sealed partial class TimerFunctionInvoker(WorkerHost host, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger("Host.Function");

    /// <param name="reason">Why it runs (schedule, run on start-up, admin invoke), for the log.</param>
    public async Task InvokeAsync(IndexedFunction function, TimerTriggerBinding trigger, bool isPastDue, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(trigger);
        var invocationId = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var worker = await host.ReadyAsync(cancellationToken).ConfigureAwait(false);
            var request = new InvocationRequest { InvocationId = invocationId, FunctionId = worker.FunctionIds[function.Name] };
            request.InputData.Add(new ParameterBinding
            {
                Name = trigger.Name,
                Data = new TypedData { Json = JsonSerializer.Serialize(new { ScheduleStatus = (object?)null, IsPastDue = isPastDue }) },
            });
            LogExecuting(logger, function.Name, reason, invocationId);
            var response = await WorkerHost.InvokeAsync(worker, request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.Result.Status == StatusResult.Types.Status.Success)
            {
                LogExecuted(logger, function.Name, invocationId, elapsed);
            }
            else
            {
                LogFailed(logger, function.Name, invocationId, elapsed, response.Result.Exception?.Message ?? response.Result.Result);
            }
        }
        catch (WorkerUnavailableException e) when (!host.Stopping)
        {
            LogFailed(logger, function.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.Message);
        }
        catch (Exception e) when (e is WorkerUnavailableException or OperationCanceledException && (host.Stopping || cancellationToken.IsCancellationRequested))
        {
            // The host is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing 'Functions.{Function}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string function, string reason, string invocationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executed 'Functions.{Function}' (Succeeded, Id={InvocationId}, Duration={DurationMs:0}ms)")]
    private static partial void LogExecuted(ILogger logger, string function, string invocationId, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Executed 'Functions.{Function}' (Failed, Id={InvocationId}, Duration={DurationMs:0}ms): {Reason}")]
    private static partial void LogFailed(ILogger logger, string function, string invocationId, double durationMs, string reason);
}
