using HumanSecurityAlerts.LocalComponents;
using Xunit;

namespace HumanSecurityAlerts.Testing.Storage;

/// <summary>
/// One Azurite per test run, shared by every test class that takes this fixture; tests isolate themselves
/// with <see cref="NewTablePrefix"/> so they can run in parallel. The process is stopped when the run ends.
/// Set <c>HSA_TEST_TABLES_CONNECTION</c> to use an Azurite (or storage account) you already run instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionEnvironmentVariable = "HSA_TEST_TABLES_CONNECTION";

    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartSharedAsync);

    public string ConnectionString { get; private set; } = "";

    /// <summary>A table-name prefix no other test uses (letters and digits, as table names require).</summary>
    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => ConnectionString = (await Shared.Value.ConfigureAwait(false)).ConnectionString;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<AzuriteServer> StartSharedAsync()
    {
        var existing = Environment.GetEnvironmentVariable(ConnectionEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return AzuriteServer.Existing(existing);
        }

        var server = await AzuriteServer.StartAsync(RepositoryPaths.Root, FreePort.Next(), TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
