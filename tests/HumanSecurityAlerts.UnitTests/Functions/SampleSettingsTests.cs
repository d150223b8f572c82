using System.Text.Json;
using System.Text.RegularExpressions;
using Cronos;
using HumanSecurityAlerts.DependencyInjection;
using HumanSecurityAlerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HumanSecurityAlerts.UnitTests.Functions;

/// <summary>
/// The README's Core Tools recipe copies local.settings.sample.json unchanged into the app: it must hold what the
/// Functions host and the worker need, with the components of <c>--components-only</c> on their default ports.
/// </summary>
public sealed partial class SampleSettingsTests
{
    [Fact]
    public void The_host_finds_the_isolated_worker_and_its_storage()
    {
        var values = SampleValues();

        Assert.Equal(WorkerLanguage(), values.GetValueOrDefault("FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal("UseDevelopmentStorage=true", values.GetValueOrDefault("AzureWebJobsStorage"));
    }

    [Fact]
    public void Every_schedule_setting_of_the_timers_is_there_and_is_six_field_NCRONTAB()
    {
        var values = SampleValues();
        var settings = TimerSchedules().SelectMany(s => SettingExpression().Matches(s).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, name =>
        {
            Assert.True(values.TryGetValue(name, out var schedule), $"{name} is not in local.settings.sample.json.");
            CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        });
    }

    [Fact]
    public async Task The_worker_starts_with_the_sample_settings_alone()
    {
        // As the host passes Values to the worker: environment variables, "__" separating sections. Start-up
        // validation names any missing or malformed connection or setting.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(SampleValues().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)));
        builder.Services.AddHumanSecurityAlerts(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    private static Dictionary<string, string> SampleValues()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    }

    private static List<string> TimerSchedules()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(BuildOutput("functions.metadata")));
        return document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "timerTrigger")
            .Select(b => b.GetProperty("schedule").GetString()!)
            .ToList();
    }

    private static string WorkerLanguage()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(BuildOutput("worker.config.json")));
        return document.RootElement.GetProperty("description").GetProperty("language").GetString()!;
    }

    private static string BuildOutput(string file)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions", "bin", framework.Parent!.Name, framework.Name, file);
        Assert.True(File.Exists(path), $"{path} not found: build the Functions app first.");
        return path;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();
}
