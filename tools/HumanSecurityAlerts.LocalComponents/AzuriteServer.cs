using System.Globalization;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>Azurite from the repository's node_modules, in memory, on loopback ports: its Table service, or all three services.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; public by design, not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess? process;

    private AzuriteServer(string connectionString, ChildProcess? process, string? workingDirectory)
    {
        ConnectionString = connectionString;
        this.process = process;
        WorkingDirectory = workingDirectory;
    }

    public string ConnectionString { get; }

    /// <summary>The scratch folder Azurite runs in (in the system's temp folder), removed when it stops; null for <see cref="Existing"/>.</summary>
    public string? WorkingDirectory { get; }

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>Wraps an Azurite or storage account someone already runs; nothing is started or stopped.</summary>
    public static AzuriteServer Existing(string connectionString) => new(connectionString, null, null);

    public static Task<AzuriteServer> StartAsync(string repositoryRoot, int port, TimeSpan timeout) =>
        StartAsync(
            repositoryRoot,
            Path.Combine("table", "main.js"),
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture)],
            "successfully started",
            ConnectionStringFor(port),
            timeout);

    /// <summary>
    /// Blob, Queue and Table, as <c>UseDevelopmentStorage=true</c> and the Functions host expect them (the host keeps
    /// timer locks and keys in Blob storage).
    /// </summary>
    public static Task<AzuriteServer> StartAllAsync(string repositoryRoot, int blobPort, int queuePort, int tablePort, TimeSpan timeout) =>
        StartAsync(
            repositoryRoot,
            "azurite.js",
            [
                "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
            ],
            // Azurite starts Blob, Queue, then Table.
            "Azurite Table service is successfully listening",
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;",
            timeout);

    private static async Task<AzuriteServer> StartAsync(string repositoryRoot, string entryPoint, IEnumerable<string> listen, string readyMarker, string connectionString, TimeSpan timeout)
    {
        var main = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", entryPoint);
        if (!File.Exists(main))
        {
            throw new InvalidOperationException($"Azurite is not installed ({main} is missing): run 'npm ci' in {repositoryRoot}.");
        }

        var workspace = Directory.CreateTempSubdirectory("hsa-azurite-").FullName;
        try
        {
            var process = await ChildProcess.StartAsync(
                "Azurite",
                "node",
                ["-e", ParentWatchdog.RequireScript, main, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", .. listen],
                workspace,
                readyMarker,
                timeout,
                holdStandardInput: true).ConfigureAwait(false);
            return new AzuriteServer(connectionString, process, workspace);
        }
        catch
        {
            Directory.Delete(workspace, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        if (WorkingDirectory is not null && Directory.Exists(WorkingDirectory))
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }
}
