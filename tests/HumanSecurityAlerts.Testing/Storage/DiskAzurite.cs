using HumanSecurityAlerts.LocalComponents;

namespace HumanSecurityAlerts.Testing.Storage;

/// <summary>
/// An Azurite of its own that keeps its tables in a folder, on a fixed port, so a test can stop it (the process is
/// killed) and start it again on the same data, as a storage outage and its end look to the service.
/// </summary>
public sealed class DiskAzurite : IAsyncDisposable
{
    private readonly string location = Directory.CreateTempSubdirectory("hsa-azurite-data-").FullName;
    private readonly int port = FreePort.Next();
    private AzuriteServer? server;

    public string ConnectionString => AzuriteServer.ConnectionStringFor(port);

    public bool IsRunning => server is not null;

    public async Task StartAsync()
    {
        server ??= await AzuriteServer.StartAsync(RepositoryPaths.Root, port, TimeSpan.FromSeconds(60), location).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Directory.Delete(location, recursive: true);
    }
}
