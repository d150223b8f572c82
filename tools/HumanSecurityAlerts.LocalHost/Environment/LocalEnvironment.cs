using System.Globalization;
using System.Runtime.InteropServices;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalServiceBus;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// Starts everything the service needs on this machine — Azurite, the local Service Bus broker with the entities
/// from infra/, smtp4dev — then the functions, and stops all of it on Ctrl+C. With <c>--components-only</c>, only the
/// components, on the ports local.settings.sample.json names, for <c>func start</c>.
/// </summary>
internal static class LocalEnvironment
{
    public const string ComponentsOnlyOption = "--components-only";

    /// <summary>The environment Core Tools gives the worker; the local host takes it for itself too.</summary>
    private const string DevelopmentEnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRepositoryRoot();
        var componentsOnly = args.Contains(ComponentsOnlyOption, StringComparer.Ordinal);
        int[] ports = componentsOnly
            ? [LocalPorts.AzuriteBlob, LocalPorts.AzuriteQueue, LocalPorts.Azurite, LocalPorts.ServiceBus, LocalPorts.Smtp, LocalPorts.Smtp4devWeb]
            : [LocalPorts.Functions, LocalPorts.Azurite, LocalPorts.ServiceBus, LocalPorts.Smtp, LocalPorts.Smtp4devWeb];
        var busy = ports.Where(p => !FreePort.IsFree(p)).ToList();
        if (busy.Count > 0)
        {
            await Console.Error.WriteLineAsync(BusyPortsMessage(busy)).ConfigureAwait(false);
            return 1;
        }

        await LocalTools.EnsureInstalledAsync(root).ConfigureAwait(false);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        Console.WriteLine("Starting Azurite, the local Service Bus broker and smtp4dev...");
        var startup = TimeSpan.FromSeconds(90);
        // The Functions host needs Blob storage too (timer locks, keys); the local host needs only Table storage.
        var azuriteTask = componentsOnly
            ? AzuriteServer.StartAllAsync(root, LocalPorts.AzuriteBlob, LocalPorts.AzuriteQueue, LocalPorts.Azurite, startup)
            : AzuriteServer.StartAsync(root, LocalPorts.Azurite, startup);
        var smtp4devTask = Smtp4devServer.StartAsync(root, LocalPorts.Smtp, LocalPorts.Smtp4devWeb, startup);

        await using var broker = new LocalServiceBusBroker(loggerFactory);
        broker.LoadEntities(Path.Combine(root, "infra", "servicebus-entities.json"));
        await broker.StartAsync(LocalPorts.ServiceBus).ConfigureAwait(false);
        await using var azurite = await azuriteTask.ConfigureAwait(false);
        await using var smtp4dev = await smtp4devTask.ConfigureAwait(false);

        if (componentsOnly)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

                The local components are running, on the ports of local.settings.sample.json:
                  Azurite          Blob 127.0.0.1:{LocalPorts.AzuriteBlob}, Queue 127.0.0.1:{LocalPorts.AzuriteQueue}, Table 127.0.0.1:{LocalPorts.Azurite}, in memory (UseDevelopmentStorage=true)
                  Service Bus      local broker on localhost:{LocalPorts.ServiceBus}
                  SMTP             smtp4dev on 127.0.0.1:{LocalPorts.Smtp}, its web UI on http://127.0.0.1:{LocalPorts.Smtp4devWeb}
                Run the functions under Core Tools in another terminal:
                  cp local.settings.sample.json functions/HumanSecurityAlerts.Functions/local.settings.json
                  cd functions/HumanSecurityAlerts.Functions && func start
                Press Ctrl+C to stop the components.
                """));
            await WaitForStopAsync().ConfigureAwait(false);
            return 0;
        }

        var settings = LocalSettings.For(root, azurite.ConnectionString, broker.ConnectionString, "127.0.0.1", LocalPorts.Smtp, $"http://localhost:{LocalPorts.Functions}");
        // As Core Tools runs func start: the worker (and the host) in the Development environment.
        settings.TryAdd(DevelopmentEnvironmentSetting, "Development");
        foreach (var (category, level) in ConsoleLogLevels.For(args.Contains(ConsoleLogLevels.VerboseOption, StringComparer.Ordinal)))
        {
            // local.settings.json may set any of these itself (Logging__LogLevel__<category> in Values).
            settings.TryAdd(category, level);
        }

        string[] hostArgs = [.. args.Where(a => a != ConsoleLogLevels.VerboseOption), "--environment", settings[DevelopmentEnvironmentSetting]!];
        await using var app = LocalFunctionsApp.Build(hostArgs, root, settings, $"http://localhost:{LocalPorts.Functions}");
        await app.StartAsync().ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            HumanSecurityAlerts is running locally.
              API              http://localhost:{LocalPorts.Functions}/api/pillars
              Subscribe page   http://localhost:{LocalPorts.Functions}/api/subscribe
              smtp4dev (mail)  http://127.0.0.1:{LocalPorts.Smtp4devWeb}
              Admin key        {settings[LocalSettings.AdminKey]}  (local only)
              Table Storage    Azurite on 127.0.0.1:{LocalPorts.Azurite}, in memory
              Service Bus      local broker on localhost:{LocalPorts.ServiceBus}
            Press Ctrl+C to stop everything.
            """));

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Which ports are taken, and by what where that can be told, e.g. smtp4dev left behind by a killed run.</summary>
    internal static string BusyPortsMessage(IEnumerable<int> ports)
    {
        var lines = ports.Select(p => PortOwner.Find(p) is { } owner
            ? string.Create(CultureInfo.InvariantCulture, $"  port {p}: in use by {owner}")
            : string.Create(CultureInfo.InvariantCulture, $"  port {p}: in use (by a process this user cannot see, or on a system where it cannot be told)"));
        return $"The local run needs ports that are already in use:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, lines)}{System.Environment.NewLine}Stop what uses them (another local run?) and try again.";
    }

    private static async Task WaitForStopAsync()
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task.ConfigureAwait(false);
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HumanSecurityAlerts.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the local host from the repository (HumanSecurityAlerts.sln not found).");
    }
}
