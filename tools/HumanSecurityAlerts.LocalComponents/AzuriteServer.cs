using System.Globalization;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>Azurite from the repository's node_modules, in memory, on loopback ports: its Table service, or all three services.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; public by design, not a secret.
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Runs Azurite's entry point (argv[1]) but exits when standard input closes, i.e. when its parent is gone.</summary>
    private const string ExitWithParent =
        "process.stdin.on('end',()=>process.exit(0));process.stdin.on('error',()=>process.exit(0));process.stdin.resume();require(process.argv[1]);";

    private readonly ChildProcess? process;

    private AzuriteServer(string connectionString, ChildProcess? process)
    {
        ConnectionString = connectionString;
        this.process = process;
    }

    public string ConnectionString { get; }

    public static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    /// <summary>Wraps an Azurite or storage account someone already runs; nothing is started or stopped.</summary>
    public static AzuriteServer Existing(string connectionString) => new(connectionString, null);

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
        var process = await ChildProcess.StartAsync(
            "Azurite",
            "node",
            ["-e", ExitWithParent, main, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry", .. listen],
            workspace,
            readyMarker,
            timeout,
            holdStandardInput: true).ConfigureAwait(false);
        return new AzuriteServer(connectionString, process);
    }

    public ValueTask DisposeAsync() => process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
