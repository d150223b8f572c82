using HumanSecurityAlerts.LocalHost.Environment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>The local run's console: what a person reads by default, everything with --verbose.</summary>
public sealed class ConsoleLogLevelsTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Mvc.Infrastructure.ObjectResultExecutor", LogLevel.Information, false)]
    [InlineData("Microsoft.Hosting.Lifetime", LogLevel.Information, false)]
    [InlineData("Host.Function", LogLevel.Information, false)]
    [InlineData("Host.Function", LogLevel.Error, true)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Warning, true)]
    [InlineData("Host.Worker", LogLevel.Information, true)]
    [InlineData("HumanSecurityAlerts.Infrastructure.Feeds.FeedIngestionService", LogLevel.Information, true)]
    [InlineData("HumanSecurityAlerts.Infrastructure.Feeds.FeedIngestionService", LogLevel.Debug, false)]
    public void By_default_the_console_shows_warnings_the_worker_lifecycle_and_the_apps_own_logs(string category, LogLevel level, bool shown) =>
        Assert.Equal(shown, IsShown(verbose: false, category, level));

    [Theory]
    [InlineData("Microsoft.AspNetCore.Mvc.Infrastructure.ObjectResultExecutor")]
    [InlineData("Host.Function")]
    public void Verbose_shows_everything_at_information(string category) =>
        Assert.True(IsShown(verbose: true, category, LogLevel.Information));

    private static bool IsShown(bool verbose, string category, LogLevel level)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ConsoleLogLevels.For(verbose)).Build();
        using var factory = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new AllLevelsProvider()));
        return factory.CreateLogger(category).IsEnabled(level);
    }

    /// <summary>A provider that would take every level, so that only the configured filters decide.</summary>
    private sealed class AllLevelsProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new AllLevelsLogger();

        public void Dispose()
        {
        }
    }

    private sealed class AllLevelsLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
