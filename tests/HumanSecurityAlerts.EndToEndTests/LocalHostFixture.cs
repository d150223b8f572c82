using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalHost;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Worker;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// The whole service as the local run starts it — the local host over real HTTP on loopback running the worker built
/// from functions/ as its own process, Azurite, the local broker with the entities from infra/ — except that mail goes
/// to the in-process SMTP capture server.
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

    /// <summary>The functions as the worker indexed them.</summary>
    internal IReadOnlyList<IndexedFunction> Functions => app!.Services.GetRequiredService<FunctionIndex>().Indexed.Result;

    /// <summary>The host that runs the worker process (its pid, how often it started).</summary>
    internal WorkerHost Worker => app!.Services.GetRequiredService<WorkerHost>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(azurite.InitializeAsync(), ServiceBus.InitializeAsync(), smtp.InitializeAsync(), webhooks.InitializeAsync());
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = LocalSettings.For(RepositoryPaths.Root, azurite.ConnectionString, ServiceBus.ConnectionString, Smtp.Host, Smtp.Port, BaseAddress.ToString().TrimEnd('/'));
        settings["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix();
        Customize(settings);
        AdminKey = settings[LocalSettings.AdminKey]!;
        app = LocalFunctionsApp.Build([], RepositoryPaths.Root, settings, BaseAddress.ToString().TrimEnd('/'));
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>Changes the app settings before the host starts.</summary>
    protected virtual void Customize(IDictionary<string, string?> settings)
    {
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await ServiceBus.DisposeAsync();
    }
}
