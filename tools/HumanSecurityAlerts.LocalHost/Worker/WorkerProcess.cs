using System.Diagnostics;
using System.Globalization;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>
/// The worker process, started as the Functions host starts a language worker: the command of worker.config.json in the
/// app folder, with the host's gRPC address and the worker's ids on the command line and the app settings as environment.
/// Its standard output and error go to the log, line by line.
/// </summary>
internal sealed partial class WorkerProcess : IDisposable
{
    /// <summary>What the Functions host passes: int.MaxValue.</summary>
    private const int GrpcMaxMessageLength = int.MaxValue;

    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => this.process = process;

    public int Id => process.Id;

    /// <summary>Completes with the exit code when the process has exited, however it ended.</summary>
    public Task<int> Exited => exited.Task;

    public static WorkerProcess Start(FunctionsAppFolder app, Uri hostUri, string workerId, string requestId, IReadOnlyDictionary<string, string?> settings, ILogger logger)
    {
        var startInfo = new ProcessStartInfo(app.Executable)
        {
            WorkingDirectory = app.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     app.WorkerPath,
                     "--functions-uri", hostUri.AbsoluteUri,
                     "--functions-worker-id", workerId,
                     "--functions-request-id", requestId,
                     "--functions-grpc-max-message-length", GrpcMaxMessageLength.ToString(CultureInfo.InvariantCulture),
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in settings)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app.Directory;
        startInfo.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                LogOutput(logger, line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                LogError(logger, line);
            }
        };
        process.Exited += (_, _) => worker.exited.TrySetResult(process.ExitCode);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start the worker ({app.Executable} {app.WorkerPath}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    public void Kill()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Line}")]
    private static partial void LogError(ILogger logger, string line);
}
