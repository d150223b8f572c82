using System.Globalization;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>
/// Azurite from the repository's node_modules on loopback ports: its Table service, or all three services; in memory,
/// or in a folder that outlives the process (a restart on the same folder finds the data again).
/// </summary>
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

    /// <param name="location">A folder to keep the data in; null keeps it in memory.</param>
    public static Task<AzuriteServer> StartAsync(string repositoryRoot, int port, TimeSpan timeout, string? location = null) =>
        StartAsync(
            repositoryRoot,
            Path.Combine("table", "main.js"),
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture)],
            "successfully started",
            ConnectionStringFor(port),
            timeout,
            location);

    /// <summary>
    /// Blob, Queue and Table, as <c>UseDevelopmentStorage=true</c> and the Functions host expect them (the host keeps
    /// timer locks and keys in Blob storage).
    /// </summary>
    /// <param name="location">A folder to keep the data in; null keeps it in memory.</param>
    public static Task<AzuriteServer> StartAllAsync(string repositoryRoot, int blobPort, int queuePort, int tablePort, TimeSpan timeout, string? location = null) =>

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
            timeout,
            location);

    private static async Task<AzuriteServer> StartAsync(string repositoryRoot, string entryPoint, IEnumerable<string> listen, string readyMarker, string connectionString, TimeSpan timeout, string? location)
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
                ["-e", ParentWatchdog.RequireScript, main, .. Persistence(location), "--silent", "--skipApiVersionCheck", "--disableTelemetry", .. listen],
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

    private static string[] Persistence(string? location)
    {
        if (location is null)
        {
            return ["--inMemoryPersistence"];
        }

        Directory.CreateDirectory(location);
        return ["--location", Path.GetFullPath(location)];
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
