using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.LocalHost.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.LocalHost;

/// <summary>
/// The Functions app on ASP.NET Core: the same DI registration as Program.cs, HTTP functions on the routes they
/// have under the Functions host, timer functions on their schedules.
/// </summary>
internal static class LocalFunctionsApp
{
    public static IReadOnlyList<FunctionDescriptor> Functions { get; } =
        FunctionCatalog.Discover(typeof(HumanSecurityAlerts.Functions.Pillars.GetPillars).Assembly);

    /// <param name="settings">Overrides on top of appsettings, environment variables and the command line.</param>
    /// <param name="url">Where to listen, e.g. http://localhost:7071 (or port 0 in tests).</param>
    public static WebApplication Build(string[] args, IDictionary<string, string?> settings, string url, bool runTimers = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(url);
        builder.Services.AddMvcCore();
        builder.Services.AddHumanSecurityAlerts(builder.Configuration);
        builder.Services.AddHttpEdge();
        builder.Services.AddSingleton<IEnumerable<FunctionDescriptor>>(Functions);
        if (runTimers)
        {
            builder.Services.AddHostedService<TimerScheduler>();
        }

        var app = builder.Build();
        app.MapFunctions(Functions);
        return app;
    }
}
