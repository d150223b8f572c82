using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Rpc;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>
/// Runs the worker as the Functions host does: starts the process, then over its event stream WorkerInitRequest,
/// FunctionsMetadataRequest (worker indexing) and a FunctionLoadRequest per function; restarts it when it dies; on
/// shutdown sends WorkerTerminate and kills it if it has not exited within the grace period.
/// </summary>
/// <remarks>
/// Starts the worker once the web server listens (<see cref="StartedAsync"/>), since the worker connects to the host's
/// gRPC endpoint; the application's start completes when the worker is ready, or fails with the reason it is not.
/// </remarks>
internal sealed partial class WorkerHost(WorkerHostOptions options, WorkerRendezvous rendezvous, FunctionIndex index, ILoggerFactory loggers)
    : IHostedLifecycleService, IDisposable
{
    private const string HostVersion = "HumanSecurityAlerts.LocalHost";

    /// <summary>The capability through which a worker with the ASP.NET Core integration asks for HTTP requests to be proxied to it.</summary>
    private const string HttpUriCapability = "HttpUri";

    /// <summary>A worker that ran this long before dying is restarted at once; one that dies sooner is restarted with a growing delay.</summary>
    private static readonly TimeSpan HealthyUptime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly ILogger logger = loggers.CreateLogger("Host.Worker");
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource<RunningWorker> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunningWorker? current;
    private Task supervision = Task.CompletedTask;

    /// <summary>The running worker's process id, or null while none runs.</summary>
    public int? ProcessId => Volatile.Read(ref current)?.Process.Id;

    /// <summary>True once the host stops: invocations the terminated worker leaves unanswered are no failures then.</summary>
    public bool Stopping => stopping.IsCancellationRequested;

    /// <summary>How many times a worker was started (1 until the first restart).</summary>
    public int Starts { get; private set; }

    /// <summary>
    /// The worker that takes invocations; while a dead worker is being replaced, waits for its successor (the Functions
    /// host likewise holds invocations until a worker channel is ready).
    /// </summary>
    public Task<RunningWorker> ReadyAsync(CancellationToken cancellationToken) => Volatile.Read(ref ready).Task.WaitAsync(cancellationToken);

    public static async Task<InvocationResponse> InvokeAsync(RunningWorker worker, InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(request);
        // The worker reads the trace context of every invocation; the host's current activity is the parent, as on Azure.
        request.TraceContext = new RpcTraceContext { TraceParent = Activity.Current?.Id ?? "", TraceState = Activity.Current?.TraceStateString ?? "" };
        var answer = await worker.Channel.RequestAsync(new StreamingMessage { RequestId = request.InvocationId, InvocationRequest = request }, cancellationToken).ConfigureAwait(false);
        return answer.InvocationResponse;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var worker = await LaunchAsync(cancellationToken).ConfigureAwait(false);
        Announce(worker);
        supervision = SuperviseAsync(worker, stopping.Token);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await supervision.ConfigureAwait(false);
        Volatile.Read(ref ready).TrySetException(new WorkerUnavailableException("The host is stopping."));
        if (Interlocked.Exchange(ref current, null) is { } worker)
        {
            await TerminateAsync(worker).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        Interlocked.Exchange(ref current, null)?.Process.Dispose();
        stopping.Dispose();
    }

    private void Announce(RunningWorker worker)
    {
        Volatile.Write(ref current, worker);
        Volatile.Read(ref ready).TrySetResult(worker);
    }

    private async Task SuperviseAsync(RunningWorker worker, CancellationToken stoppingToken)
    {
        var quickDeaths = 0;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            int exitCode;
            try
            {
                exitCode = await worker.Process.Exited.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // From now on invocations wait for the successor.
            Volatile.Write(ref ready, new TaskCompletionSource<RunningWorker>(TaskCreationOptions.RunContinuationsAsynchronously));
            Interlocked.CompareExchange(ref current, null, worker);
            var pid = worker.Process.Id;
            worker.Process.Dispose();
            quickDeaths = Stopwatch.GetElapsedTime(started) >= HealthyUptime ? 0 : quickDeaths + 1;
            var delay = RestartDelay(quickDeaths);
            LogWorkerExited(logger, pid, exitCode, delay.TotalSeconds);

            while (true)
            {
                try
                {
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                    worker = await LaunchAsync(stoppingToken).ConfigureAwait(false);
                    Announce(worker);
                    break;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    delay = RestartDelay(++quickDeaths);
                    LogRestartFailed(logger, e.Message, delay.TotalSeconds);
                }
            }
        }
    }

    private static TimeSpan RestartDelay(int quickDeaths) =>
        quickDeaths <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxRestartDelay.TotalSeconds, Math.Pow(2, quickDeaths - 2)));

    private async Task<RunningWorker> LaunchAsync(CancellationToken cancellationToken)
    {
        var workerId = Guid.NewGuid().ToString();
        var connected = rendezvous.ExpectAsync(workerId);
        var process = WorkerProcess.Start(options.App, options.RpcUri, workerId, Guid.NewGuid().ToString(), options.Settings, loggers.CreateLogger("Worker"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            if (await Task.WhenAny(connected, process.Exited).WaitAsync(timeout.Token).ConfigureAwait(false) != connected)
            {
                throw new InvalidOperationException($"The worker exited with code {await process.Exited.ConfigureAwait(false)} before connecting (see its output above).");
            }

            var channel = await connected.ConfigureAwait(false);
            var directory = options.App.Directory;
            var init = (await channel.RequestAsync(
                new StreamingMessage { WorkerInitRequest = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = directory, FunctionAppDirectory = directory } },
                timeout.Token).ConfigureAwait(false)).WorkerInitResponse;
            EnsureSuccess(init.Result, "initialize");

            var indexing = (await channel.RequestAsync(
                new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = directory } },
                timeout.Token).ConfigureAwait(false)).FunctionMetadataResponse;
            EnsureSuccess(indexing.Result, "index the functions");
            if (indexing.UseDefaultMetadataIndexing)
            {
                throw new NotSupportedException("The worker asks the host to index the functions from functions.metadata; the local host supports worker indexing only.");
            }

            var functions = indexing.FunctionMetadataResults.Select(IndexedFunction.From).ToList();
            var loads = await Task.WhenAll(functions.Select(f => channel.RequestAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = f.Metadata.FunctionId, Metadata = f.Metadata } },
                timeout.Token))).ConfigureAwait(false);
            foreach (var load in loads)
            {
                EnsureSuccess(load.FunctionLoadResponse.Result, $"load function {functions.Single(f => f.Metadata.FunctionId == load.FunctionLoadResponse.FunctionId).Name}");
            }

            var httpUri = init.Capabilities.TryGetValue(HttpUriCapability, out var uri) ? new Uri(uri) : null;
            if (httpUri is null && functions.Any(f => f.Trigger is HttpTriggerBinding))
            {
                throw new NotSupportedException("The worker has HTTP functions but no HttpUri capability: the local host proxies HTTP to the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
            }

            index.Publish(functions);
            Starts++;
            LogWorkerStarted(logger, process.Id, functions.Count);
            return new RunningWorker(process, channel, httpUri, functions.ToDictionary(f => f.Name, f => f.Metadata.FunctionId, StringComparer.Ordinal));
        }
        catch (Exception e)
        {
            rendezvous.Forget(workerId);
            process.Dispose();
            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The worker did not start within {options.StartTimeout.TotalSeconds:0} s.", e);
            }

            throw;
        }
    }

    private static void EnsureSuccess(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker could not {what}: {result.Exception?.Message ?? result.Result}");
        }
    }

    private async Task TerminateAsync(RunningWorker worker)
    {
        try
        {
            worker.Channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(options.TerminateGracePeriod) } });
            await worker.Process.Exited.WaitAsync(options.TerminateGracePeriod).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WorkerUnavailableException or TimeoutException)
        {
            LogKilled(logger, worker.Process.Id, options.TerminateGracePeriod.TotalSeconds);
        }
        finally
        {
            worker.Process.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} started: {Functions} functions loaded")]
    private static partial void LogWorkerStarted(ILogger logger, int processId, int functions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker process {ProcessId} exited unexpectedly with code {ExitCode}; restarting it in {DelaySeconds} s")]
    private static partial void LogWorkerExited(ILogger logger, int processId, int exitCode, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker could not be restarted ({Reason}); trying again in {DelaySeconds} s")]
    private static partial void LogRestartFailed(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process {ProcessId} did not exit within {GraceSeconds} s of WorkerTerminate; killed")]
    private static partial void LogKilled(ILogger logger, int processId, double graceSeconds);
}
