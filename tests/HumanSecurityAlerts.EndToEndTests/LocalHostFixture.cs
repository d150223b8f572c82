using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalHost;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Worker;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Logging;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// The whole service as the local run starts it — the local host over real HTTP on loopback running the worker built
/// from functions/ as its own process, Azurite, the local broker with the entities from infra/, the settings of
/// local.settings.sample.json — except that mail goes to the in-process SMTP capture server and a developer's
/// local.settings.json does not count. Every log line the host writes (the worker's included), at every level, is
/// kept in <see cref="Logs"/>.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private readonly SmtpCaptureFixture smtp = new();
    private readonly WebhookReceiverFixture webhooks = new();
    private WebApplication? app;

    public LocalServiceBusFixture ServiceBus { get; } = new();

    public SmtpCaptureServer Smtp => smtp.Server;

    public WebhookReceiver Webhooks => webhooks.Receiver;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    /// <summary>The Table storage the worker uses (the shared Azurite unless <see cref="Customize"/> changes it).</summary>
    public string TablesConnectionString => AppSettings.TryGetValue("TableStorage", out var tables) && tables is not null ? tables : azurite.ConnectionString;

    public string TablePrefix { get; private set; } = "";

    /// <summary>A table of this run (its logical name, e.g. <c>Subscribers</c>).</summary>
    public Azure.Data.Tables.TableClient Table(string name) => new(TablesConnectionString, TablePrefix + name);

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The app settings the worker runs with.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The functions as the worker indexed them.</summary>
    internal IReadOnlyList<IndexedFunction> Functions => app!.Services.GetRequiredService<FunctionIndex>().Indexed.Result;

    /// <summary>The host that runs the worker process (its pid, how often it started).</summary>
    internal WorkerHost Worker => app!.Services.GetRequiredService<WorkerHost>();

    public virtual async Task InitializeAsync()
    {
        await Task.WhenAll(azurite.InitializeAsync(), ServiceBus.InitializeAsync(), smtp.InitializeAsync(), webhooks.InitializeAsync());
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = Settings(BaseAddress);
        TablePrefix = settings["TableStorage:TablePrefix"]!;
        Customize(settings);
        AppSettings = settings;
        AdminKey = settings[LocalSettings.AdminKey]!;
        app = await StartAsync(settings, BaseAddress, Logs);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>Another local host on the same components, with settings of its own (e.g. feed sources), on its own tables and entities.</summary>
    public async Task<(WebApplication App, HttpClient Http)> StartAnotherAsync(IDictionary<string, string?> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = Settings(baseAddress);
        AppEntities.Create(ServiceBus, TimeSpan.FromMinutes(1)).ApplyTo(settings);
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var another = await StartAsync(settings, baseAddress, new CapturingLoggerProvider());
        return (another, new HttpClient { BaseAddress = baseAddress });
    }

    /// <summary>Changes the app settings before the host starts (e.g. tighter limits in a derived fixture).</summary>
    protected virtual void Customize(IDictionary<string, string?> settings)
    {
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await ServiceBus.DisposeAsync();
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings, Uri baseAddress, CapturingLoggerProvider logs)
    {
        // Trace for the capture only, so nothing a provider could be given escapes the check; the console stays quiet.
        settings[$"Logging:{typeof(CapturingLoggerProvider).FullName}:LogLevel:Default"] = "Trace";
        var started = LocalFunctionsApp.Build([], RepositoryPaths.Root, settings, baseAddress.ToString().TrimEnd('/'));
        started.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await started.StartAsync();
        return started;
    }

    private Dictionary<string, string?> Settings(Uri baseAddress)
    {
        var settings = LocalSettings.For(
            RepositoryPaths.Root, azurite.ConnectionString, ServiceBus.ConnectionString, Smtp.Host, Smtp.Port, baseAddress.ToString().TrimEnd('/'), developerSettings: false);
        settings["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix();
        return settings;
    }
}
