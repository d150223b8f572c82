using System.Net;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalHost.Functions;
using HumanSecurityAlerts.LocalHost.Http;
using HumanSecurityAlerts.LocalHost.Worker;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HumanSecurityAlerts.LocalHost;

/// <summary>
/// The Functions app under a local Functions host: the worker built from functions/ runs as its own process and is
/// driven over the Functions host protocol; HTTP functions answer on the routes and methods the worker indexes, timer
/// functions run on their schedules, <c>POST /admin/functions/{name}</c> runs a timer function now.
/// </summary>
internal static class LocalFunctionsApp
{
    /// <param name="repositoryRoot">The repository, whose functions/ build output is the app that runs.</param>
    /// <param name="settings">The app settings: the worker's environment, and the host's configuration (timer schedules, logging).</param>
    /// <param name="url">Where to listen, e.g. http://localhost:7071 (or a free port in tests).</param>
    /// <returns>An application whose start completes once the worker has loaded the functions.</returns>
    public static WebApplication Build(string[] args, string repositoryRoot, IDictionary<string, string?> settings, string url, bool runTimers = true)
    {
        var app = FunctionsAppFolder.Find(repositoryRoot);
        var rpcPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var listen = new Uri(url);
            if (listen.IsLoopback && !IPAddress.TryParse(listen.Host, out _))
            {
                kestrel.ListenLocalhost(listen.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(listen.Host), listen.Port);
            }

            // The worker's event stream: gRPC needs HTTP/2, which without TLS must be the endpoint's only protocol.
            kestrel.Listen(IPAddress.Loopback, rpcPort, o => o.Protocols = HttpProtocols.Http2);
        });

        // A worker's stream that ends (killed, or stopped) is reported by the host in one line, not as a gRPC read error.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        // The host logs request paths, and so the tokens in them: the same redaction as the worker's.
        builder.Services.AddRedactedLogging();
        builder.Services.AddGrpc();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(new WorkerHostOptions(app, settings.AsReadOnly(), new Uri($"http://127.0.0.1:{rpcPort}/")));
        builder.Services.AddSingleton(app);
        builder.Services.AddSingleton<WorkerRendezvous>();
        builder.Services.AddSingleton<FunctionIndex>();
        builder.Services.AddSingleton<WorkerHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkerHost>());
        builder.Services.AddSingleton<WorkerHttpClient>();
        builder.Services.AddSingleton<FunctionEndpointDataSource>();
        builder.Services.AddSingleton<TimerFunctionInvoker>();
        builder.Services.AddSingleton(TimeProvider.System);
        if (runTimers)
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }

        var web = builder.Build();
        web.MapGrpcService<FunctionRpcService>().RequireHost($"*:{rpcPort}");
        ((IEndpointRouteBuilder)web).DataSources.Add(web.Services.GetRequiredService<FunctionEndpointDataSource>());
        web.MapAdminInvoke();
        return web;
    }
}
