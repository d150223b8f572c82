using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Testing.Logging;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.UnitTests.Diagnostics;

/// <summary>The Functions worker built as Program.cs builds it: whatever logs in it (its ASP.NET Core integration included) is redacted.</summary>
public sealed partial class WorkerLoggingTests
{
    [Fact]
    public void Loggers_of_the_Functions_worker_redact_request_paths_and_scopes()
    {
        const string token = "Zq3v1XbY9wKp0sLm2NcR8tUe4HdAj6GfIo5Vy7Bx-_Q";
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddHumanSecurityAlerts(builder.Configuration);
        var capture = new CapturingLoggerProvider();
        builder.Logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace);
        using var host = builder.Build();

        var path = "/api/subscriptions/manage/" + token;
        var query = "?token=" + token;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        using (logger.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = "/api/subscriptions/unsubscribe/" + token }))
        {
            LogRequestStarting(logger, "GET", path, query);
        }

        var line = Assert.Single(capture.Lines, l => l.Contains("Request starting", StringComparison.Ordinal));
        Assert.DoesNotContain(token, line, StringComparison.Ordinal);
        Assert.Contains("/api/subscriptions/manage/[redacted]?token=[redacted]", line, StringComparison.Ordinal);
        Assert.Contains("/api/subscriptions/unsubscribe/[redacted]", line, StringComparison.Ordinal);
    }

    // The template of ASP.NET Core's own "Request starting" line, in short.
    [LoggerMessage(LogLevel.Information, "Request starting {Method} {Path}{QueryString}")]
    private static partial void LogRequestStarting(ILogger logger, string method, string path, string queryString);
}
