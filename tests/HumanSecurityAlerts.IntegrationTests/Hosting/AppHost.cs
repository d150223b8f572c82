using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.IntegrationTests.Hosting;

/// <summary>
/// The app's own DI registration (as in Program.cs) over real Azurite / broker / SMTP settings, with a way to call
/// an HTTP function the way the Functions host does: build a request, run the function, execute its result.
/// </summary>
internal sealed class AppHost : IAsyncDisposable
{
    private AppHost(ServiceProvider services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    public ServiceProvider Services { get; }

    public IConfiguration Configuration { get; }

    public static AppHost Create(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug));
        services.AddMvcCore();
        services.AddHumanSecurityAlerts(configuration);
        services.AddHttpEdge();
        configure?.Invoke(services);
        return new AppHost(services.BuildServiceProvider(validateScopes: true), configuration);
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
