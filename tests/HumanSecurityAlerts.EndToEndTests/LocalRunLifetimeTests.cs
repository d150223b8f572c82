using System.Diagnostics;
using System.Globalization;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>The local components leave nothing behind: no scratch folder, and no process holding a port after a killed run.</summary>
public sealed class LocalRunLifetimeTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    /// <summary>How long the components may take to notice that their parent is gone.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Azurite_removes_its_scratch_folder_when_it_stops()
    {
        var azurite = await AzuriteServer.StartAsync(RepositoryPaths.Root, FreePort.Next(), Startup);
        var folder = azurite.WorkingDirectory;
        Assert.True(Directory.Exists(folder), $"Azurite runs in {folder}.");

        await azurite.DisposeAsync();

        Assert.False(Directory.Exists(folder), $"{folder} is left behind.");
    }

    [Fact]
    public async Task Azurite_and_smtp4dev_stop_when_the_process_that_started_them_is_killed()
    {
        int tablePort = FreePort.Next(), smtpPort = FreePort.Next(), webPort = FreePort.Next();
        int[] ports = [tablePort, smtpPort, webPort];
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "HumanSecurityAlerts.ComponentsTestHost.dll"), RepositoryPaths.Root, .. ports.Select(p => p.ToString(CultureInfo.InvariantCulture))];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var host = Process.Start(startInfo)!;
        try
        {
            var folder = await ReadyAsync(host);
            Assert.All(ports, p => Assert.False(FreePort.IsFree(p), $"Nothing listens on {p}."));

            host.Kill(); // SIGKILL: the host gets no chance to stop anything itself.
            await host.WaitForExitAsync();

            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < Grace && (ports.Any(p => !FreePort.IsFree(p)) || Directory.Exists(folder)))
            {
                await Task.Delay(200);
            }

            Assert.All(ports, p => Assert.True(FreePort.IsFree(p), $"Port {p} is still held {Grace.TotalSeconds} s after the kill, by {PortOwner.Find(p)}."));
            Assert.False(Directory.Exists(folder), $"Azurite's scratch folder {folder} is left behind.");
        }
        finally
        {
            // Should this test fail, leave no component behind holding a port.
            host.Kill(entireProcessTree: true);
            foreach (var port in ports)
            {
                if (PortOwner.Find(port) is { } leftOver)
                {
                    using var process = Process.GetProcessById(leftOver.Id);
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    /// <returns>Azurite's scratch folder, which the host prints once both components are up.</returns>
    private static async Task<string> ReadyAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(Startup);
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                return line["ready ".Length..];
            }
        }

        throw new InvalidOperationException($"The test host exited before it was ready:{System.Environment.NewLine}{await host.StandardError.ReadToEndAsync()}");
    }
}
