namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// What the local run writes to the console. By default what a person reads: warnings and errors, the worker's start,
/// crash and restart lines, and the functions' own logs; not the framework's per-request and per-invocation lines
/// (several KB a request from MVC's result executor, and a line a second from the timers). <c>--verbose</c> shows
/// everything at Information.
/// </summary>
internal static class ConsoleLogLevels
{
    public const string VerboseOption = "--verbose";

    /// <returns>Logging settings, as configuration keys (Logging:LogLevel:category) and levels.</returns>
    public static Dictionary<string, string?> For(bool verbose) => verbose
        ? new(StringComparer.OrdinalIgnoreCase) { ["Logging:LogLevel:Default"] = "Information" }
        : new(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The local host's worker supervision: started, exited, restarted, killed.
            ["Logging:LogLevel:Host.Worker"] = "Information",
            // The functions' and the app's own logs, which the worker forwards under their categories.
            ["Logging:LogLevel:HumanSecurityAlerts"] = "Information",
        };
}
