using System.Text.RegularExpressions;
using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>Runs timer-triggered functions on their NCRONTAB schedules (six fields, seconds first), as the host does.</summary>
internal sealed partial class TimerScheduler(
    IEnumerable<FunctionDescriptor> functions,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    public static CronExpression ParseSchedule(string schedule, IConfiguration configuration)
    {
        var resolved = SettingExpression().Replace(schedule, m =>
            configuration[m.Groups[1].Value] ?? configuration[m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"Timer schedule setting '{m.Groups[1].Value}' is not set."));
        return CronExpression.Parse(resolved, resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.OfType<TimerFunctionDescriptor>().Select(f => RunAsync(f, stoppingToken)));

    private async Task RunAsync(TimerFunctionDescriptor function, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(function.Schedule, configuration);
        if (function.RunOnStartup)
        {
            await InvokeAsync(function, false, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                await Task.Delay(next.Value - time.GetUtcNow(), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await InvokeAsync(function, time.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task InvokeAsync(TimerFunctionDescriptor function, bool isPastDue, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await FunctionInvoker.InvokeTimerAsync(function, scope.ServiceProvider, isPastDue, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // As on the Functions host, a failed run is logged and the next occurrence still runs.
            LogTimerFailed(logger, e, function.Name);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function);
}
