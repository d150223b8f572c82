using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Diagnostics;

/// <summary>Hands the inner logger a redacted copy of each entry and scope (the redacting logger factory in Infrastructure wraps every logger in one).</summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => state switch
        {
            // ASP.NET Core's request scope carries RequestPath, which holds the token of a manage link.
            IEnumerable<KeyValuePair<string, object?>> values => inner.BeginScope(RedactedLogState.From(values, values.ToString() ?? "")),
            string text => inner.BeginScope(LogRedaction.Redact(text)),
            _ => inner.BeginScope(state),
        };

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        var redacted = RedactedLogState.From(state as IEnumerable<KeyValuePair<string, object?>> ?? [], message);
        inner.Log(logLevel, eventId, redacted, exception, static (s, _) => s.ToString());
    }
}
