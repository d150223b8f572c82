using System.Diagnostics;
using System.Text;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>A local component started as a child process, ready once its output shows a marker line.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildProcess(Process process) => this.process = process;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="holdStandardInput">
    /// Keep a pipe to the child's standard input open and never write to it: when this process dies, however abruptly,
    /// the child sees end-of-file, which a child that watches for it (see <see cref="AzuriteServer"/>) takes as its cue to exit.
    /// </param>
    public static async Task<ChildProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, string workingDirectory, string readyMarker, TimeSpan timeout, bool holdStandardInput = false)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = holdStandardInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        var child = new ChildProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (child.output)
            {
                child.output.AppendLine(e.Data);
            }

            if (e.Data.Contains(readyMarker, StringComparison.OrdinalIgnoreCase))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"{name} exited with code {process.ExitCode}:{Environment.NewLine}{child.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await child.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{name} did not start within {timeout}:{Environment.NewLine}{child.Output}");
        }

        return child;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
