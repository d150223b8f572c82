using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>
/// Runs the timer functions the worker indexed on their NCRONTAB schedules (six fields, seconds first; <c>%Setting%</c>
/// resolved from the app settings), as the host does.
/// </summary>
internal sealed partial class TimerScheduler(FunctionIndex index, TimerFunctionInvoker invoker, IConfiguration configuration, TimeProvider time) : BackgroundService
{
    public static CronExpression ParseSchedule(string schedule, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        var resolved = SettingExpression().Replace(schedule, m =>
            configuration[m.Groups[1].Value] ?? configuration[m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"Timer schedule setting '{m.Groups[1].Value}' is not set."));
        return CronExpression.Parse(resolved, resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<IndexedFunction> functions;
        try
        {
            functions = await index.Indexed.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await Task.WhenAll(functions.Where(f => f.Trigger is TimerTriggerBinding)
            .Select(f => RunAsync(f, (TimerTriggerBinding)f.Trigger, stoppingToken))).ConfigureAwait(false);
    }

    private async Task RunAsync(IndexedFunction function, TimerTriggerBinding trigger, CancellationToken stoppingToken)
    {
        var schedule = ParseSchedule(trigger.Schedule, configuration);
        if (trigger.RunOnStartup)
        {
            await invoker.InvokeAsync(function, trigger, false, "run on start-up", stoppingToken).ConfigureAwait(false);
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

            var reason = string.Create(CultureInfo.InvariantCulture, $"Timer fired at {time.GetUtcNow():O}");
            await invoker.InvokeAsync(function, trigger, time.GetUtcNow() - next.Value > TimeSpan.FromMinutes(1), reason, stoppingToken).ConfigureAwait(false);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();
}
