using System.Globalization;
using System.Runtime.InteropServices;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalServiceBus;

namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// Starts everything the service needs on this machine — Azurite, the local Service Bus broker with the entities
/// from infra/, smtp4dev — then the functions, and stops all of it on Ctrl+C. With <c>--components-only</c>, only the
/// components, on the ports local.settings.sample.json names, for <c>func start</c> or a <c>--functions-only</c> run
/// (so the functions can crash and restart while the components, and what they hold, stay). With
/// <c>--azurite-location DIR</c>, Azurite keeps its data in DIR instead of memory, so it survives a restart.
/// </summary>
internal static class LocalEnvironment
{
    public const string ComponentsOnlyOption = "--components-only";

    public const string FunctionsOnlyOption = "--functions-only";

    public const string AzuriteLocationOption = "--azurite-location";

    /// <summary>The environment Core Tools gives the worker; the local host takes it for itself too.</summary>
    private const string DevelopmentEnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = FindRepositoryRoot();
        var componentsOnly = args.Contains(ComponentsOnlyOption, StringComparer.Ordinal);
        if (args.Contains(FunctionsOnlyOption, StringComparer.Ordinal))
        {
            return await RunFunctionsOnlyAsync(root, args).ConfigureAwait(false);
        }

        var azuriteLocation = OptionValue(args, AzuriteLocationOption);
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
            ? AzuriteServer.StartAllAsync(root, LocalPorts.AzuriteBlob, LocalPorts.AzuriteQueue, LocalPorts.Azurite, startup, azuriteLocation)
            : AzuriteServer.StartAsync(root, LocalPorts.Azurite, startup, azuriteLocation);
        var storage = azuriteLocation is null ? "in memory" : $"data in {Path.GetFullPath(azuriteLocation)}";
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
                  Azurite          Blob 127.0.0.1:{LocalPorts.AzuriteBlob}, Queue 127.0.0.1:{LocalPorts.AzuriteQueue}, Table 127.0.0.1:{LocalPorts.Azurite}, {storage} (UseDevelopmentStorage=true)
                  Service Bus      local broker on localhost:{LocalPorts.ServiceBus}
                  SMTP             smtp4dev on 127.0.0.1:{LocalPorts.Smtp}, its web UI on http://127.0.0.1:{LocalPorts.Smtp4devWeb}
                Run the functions in another terminal, under the local host:
                  dotnet run --project tools/HumanSecurityAlerts.LocalHost -- {FunctionsOnlyOption}
                or under Core Tools:
                  cp local.settings.sample.json functions/HumanSecurityAlerts.Functions/local.settings.json
                  cd functions/HumanSecurityAlerts.Functions && func start
                Press Ctrl+C to stop the components.
                """));
            await WaitForStopAsync().ConfigureAwait(false);
            return 0;
        }

        var settings = LocalSettings.For(root, azurite.ConnectionString, broker.ConnectionString, "127.0.0.1", LocalPorts.Smtp, $"http://localhost:{LocalPorts.Functions}");
        await using var app = await StartFunctionsAsync(root, args, settings).ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            HumanSecurityAlerts is running locally.
              API              http://localhost:{LocalPorts.Functions}/api/pillars
              Subscribe page   http://localhost:{LocalPorts.Functions}/api/subscribe
              smtp4dev (mail)  http://127.0.0.1:{LocalPorts.Smtp4devWeb}
              Admin key        {settings[LocalSettings.AdminKey]}  (local only)
              Table Storage    Azurite on 127.0.0.1:{LocalPorts.Azurite}, {storage}
              Service Bus      local broker on localhost:{LocalPorts.ServiceBus}
            Press Ctrl+C to stop everything.
            """));

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The functions alone, against the components a <c>--components-only</c> run serves on the sample's ports.</summary>
    private static async Task<int> RunFunctionsOnlyAsync(string root, string[] args)
    {
        if (!FreePort.IsFree(LocalPorts.Functions))
        {
            await Console.Error.WriteLineAsync(BusyPortsMessage([LocalPorts.Functions])).ConfigureAwait(false);
            return 1;
        }

        var missing = new[] { LocalPorts.Azurite, LocalPorts.ServiceBus, LocalPorts.Smtp }.Where(FreePort.IsFree).ToList();
        if (missing.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"Nothing listens on port(s) {string.Join(", ", missing)}: start the components first, in another terminal: dotnet run --project tools/HumanSecurityAlerts.LocalHost -- {ComponentsOnlyOption}").ConfigureAwait(false);
            return 1;
        }

        var settings = LocalSettings.For(
            root,
            AzuriteServer.ConnectionStringFor(LocalPorts.Azurite),
            LocalServiceBusBroker.ConnectionStringFor(LocalPorts.ServiceBus),
            "127.0.0.1",
            LocalPorts.Smtp,
            $"http://localhost:{LocalPorts.Functions}");
        await using var app = await StartFunctionsAsync(root, args, settings).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            The functions are running on http://localhost:{LocalPorts.Functions}, with the components of the {ComponentsOnlyOption} run.
              Admin key        {settings[LocalSettings.AdminKey]}  (local only)
            Press Ctrl+C to stop the functions (the components keep running).
            """));
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<WebApplication> StartFunctionsAsync(string root, string[] args, Dictionary<string, string?> settings)
    {
        // As Core Tools runs func start: the worker (and the host) in the Development environment.
        settings.TryAdd(DevelopmentEnvironmentSetting, "Development");
        foreach (var (category, level) in ConsoleLogLevels.For(args.Contains(ConsoleLogLevels.VerboseOption, StringComparer.Ordinal)))
        {
            // local.settings.json may set any of these itself (Logging__LogLevel__<category> in Values).
            settings.TryAdd(category, level);
        }

        string[] hostArgs = [.. HostArguments(args), "--environment", settings[DevelopmentEnvironmentSetting]!];
        var app = LocalFunctionsApp.Build(hostArgs, root, settings, $"http://localhost:{LocalPorts.Functions}");
        await app.StartAsync().ConfigureAwait(false);
        return app;
    }

    /// <summary>The arguments left for the host once this run's own options are taken out.</summary>
    private static IEnumerable<string> HostArguments(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == AzuriteLocationOption)
            {
                i++;
            }
            else if (args[i] is not (ConsoleLogLevels.VerboseOption or FunctionsOnlyOption or ComponentsOnlyOption))
            {
                yield return args[i];
            }
        }
    }

    private static string? OptionValue(string[] args, string option)
    {
        var at = Array.IndexOf(args, option);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
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
