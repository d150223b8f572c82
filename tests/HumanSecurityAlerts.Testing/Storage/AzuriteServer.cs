using System.Diagnostics;
using System.Text;

namespace HumanSecurityAlerts.Testing.Storage;

/// <summary>
/// Azurite's Table service from the repository's node_modules, in memory, on a free loopback port.
/// Set <c>HSA_TEST_TABLES_CONNECTION</c> to use an Azurite (or storage account) you already run instead.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string ConnectionEnvironmentVariable = "HSA_TEST_TABLES_CONNECTION";

    // Azurite's well-known development account; public by design, not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process? process;

    private AzuriteServer(string connectionString, Process? process)
    {
        ConnectionString = connectionString;
        this.process = process;
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteServer> StartAsync(TimeSpan timeout)
    {
        var existing = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return new AzuriteServer(existing, null);
        }

        var main = RepositoryPaths.Combine("node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed ({main} is missing): run 'npm ci' in {RepositoryPaths.Root}, or set {ConnectionEnvironmentVariable}.");
        }

        var port = FreePort.Next();
        var workspace = Directory.CreateTempSubdirectory("hsa-azurite-").FullName;
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[] { main, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await started.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not start within {timeout}: {output}");
        }

        var connectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        return new AzuriteServer(connectionString, process);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process?.Dispose();
    }
}
