using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Diagnostics;

/// <summary>
/// The host's <see cref="ILoggerFactory"/>, wrapped so that every logger it hands out passes messages, structured
/// values and scopes through <see cref="LogRedaction"/> before any provider (console, the Functions host, a test's
/// capture) sees them. Wrapping the factory, not each provider, also covers providers added after start-up.
/// </summary>
internal sealed class RedactingLoggerFactory(LoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, static (name, factory) => new RedactingLogger(factory.CreateLogger(name)), inner);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The wrapped factory belongs to the container, which disposes it.</summary>
    public void Dispose()
    {
    }
}
