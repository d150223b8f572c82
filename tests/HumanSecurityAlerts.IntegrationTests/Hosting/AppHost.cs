using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Logging;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.IntegrationTests.Hosting;

/// <summary>
/// The app's own DI registration (as in Program.cs) with the settings the local host gives the worker, pointed at this
/// test's Azurite (a table prefix of its own), broker (entities of its own) and SMTP server, with the test's overrides
/// on top; and a way to call an HTTP function the way the Functions host does: build a request, run the function,
/// execute its result. Every log line, at every level, is kept in <see cref="Logs"/>.
/// </summary>
internal sealed class AppHost : IAsyncDisposable
{
    // Where a test without a broker or an SMTP server points the app: nothing listens there, not even a local run.
    private const string NoBroker = "Endpoint=sb://localhost:1;SharedAccessKeyName=x;SharedAccessKey=eA==;UseDevelopmentEmulator=true";

    private const int NoSmtpPort = 1;

    private AppHost(ServiceProvider services, IConfiguration configuration, CapturingLoggerProvider logs, AppEntities? entities)
    {
        Services = services;
        Configuration = configuration;
        Logs = logs;
        Entities = entities;
    }

    /// <summary>The admin key of local.settings.sample.json, which every app of the tests runs with.</summary>
    public static string AdminKey { get; } = LocalSettings.Sample(RepositoryPaths.Root)[LocalSettings.AdminKey]!;

    public static Dictionary<string, string> Admin => new() { ["Authorization"] = "Bearer " + AdminKey };

    public ServiceProvider Services { get; }

    public IConfiguration Configuration { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>The topic and queue of this app (none without a broker).</summary>
    public AppEntities? Entities { get; }

    public string TablePrefix => Configuration["TableStorage:TablePrefix"]!;

    public string StorageConnectionString => Configuration["TableStorage"]!;

    /// <param name="entities">The broker's entities to use; new ones (as in infra/) when a broker is given and this is not.</param>
    /// <param name="settings">The test's settings, over the local host's.</param>
    /// <param name="configure">The test's services, over the app's.</param>
    public static AppHost Create(
        AzuriteFixture azurite,
        LocalServiceBusFixture? bus = null,
        SmtpCaptureFixture? smtp = null,
        string baseUrl = "http://localhost:7071",
        AppEntities? entities = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var all = LocalSettings.For(
            RepositoryPaths.Root,
            azurite.ConnectionString,
            bus?.ConnectionString ?? NoBroker,
            smtp?.Server.Host ?? "127.0.0.1",
            smtp?.Server.Port ?? NoSmtpPort,
            baseUrl,
            developerSettings: false);
        all["TableStorage:TablePrefix"] = AzuriteFixture.NewTablePrefix();
        entities ??= bus is null ? null : AppEntities.Create(bus, TimeSpan.FromMinutes(1));
        entities?.ApplyTo(all);

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<ILoggerProvider>(logs);
        services.AddMvcCore();
        services.AddHumanSecurityAlerts(configuration);
        services.AddHttpEdge();
        configure?.Invoke(services);
        return new AppHost(services.BuildServiceProvider(validateScopes: true), configuration, logs, entities);
    }

    public T Create<T>() where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    public static HttpRequest Request(string method, string path, string? body = null, string? contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Scheme = "http";
        request.Host = new HostString("localhost", 7071);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? path : path[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            request.Body = new MemoryStream(bytes);
            request.ContentLength = bytes.Length;
            request.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers[name] = value;
        }

        return request;
    }

    /// <summary>
    /// Runs the function behind the app's HTTP edge (admin routes, nosniff; client rate limits are tested over HTTP) and
    /// executes its result into a response, as the worker's ASP.NET Core integration does.
    /// </summary>
    public async Task<FunctionResponse> InvokeAsync(HttpRequest request, Func<HttpRequest, Task<IActionResult>> function)
    {
        await using var scope = Services.CreateAsyncScope();
        request.HttpContext.RequestServices = scope.ServiceProvider;
        var responseBody = new MemoryStream();
        request.HttpContext.Response.Body = responseBody;
        var edge = scope.ServiceProvider.GetRequiredService<HttpEdge>();
        var result = await edge.CheckAsync(request, clientRateLimited: false, CancellationToken.None) ?? await function(request);
        await result.ExecuteResultAsync(new ActionContext { HttpContext = request.HttpContext });
        var response = request.HttpContext.Response;
        return new FunctionResponse(
            response.StatusCode,
            response.ContentType,
            response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

internal sealed record FunctionResponse(int StatusCode, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
