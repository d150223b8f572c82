using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Testing.Logging;

/// <summary>
/// Keeps every log line a host writes — category, rendered message, every structured value, every enclosing scope
/// (ASP.NET Core's request scope holds the request path) and the exception — to check what logs may contain.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Values(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : $"{state}";

    private sealed class Logger(string category, CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner.scopes.ForEachScope((scope, list) => list.Add($"{scope} {{{Values(scope)}}}"), scopes);
            owner.lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{Values(state)}] scopes: {string.Join(" => ", scopes)} {exception}");
        }
    }
}
