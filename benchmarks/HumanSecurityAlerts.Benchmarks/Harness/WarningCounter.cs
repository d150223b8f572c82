using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>Counts warnings and errors the app logs and shows the first few (a clean run logs none).</summary>
internal sealed class WarningCounter : ILoggerProvider
{
    private int count;

    public int Count => count;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            if (Interlocked.Increment(ref owner.count) <= 5)
            {
                Console.Error.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}
