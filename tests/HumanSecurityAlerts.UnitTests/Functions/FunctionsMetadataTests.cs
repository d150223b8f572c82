using System.Text.Json;

namespace HumanSecurityAlerts.UnitTests.Functions;

/// <summary>
/// The routes, methods and schedules are a public contract: this pins the metadata the Functions SDK generates,
/// so a renamed function or route fails here rather than in a client.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>name → "httpTrigger METHODS route" or "timerTrigger schedule".</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GetPillars"] = "httpTrigger GET pillars",
        ["ReleasePublication"] = "httpTrigger POST manage/publications",
        ["PreviewClassification"] = "httpTrigger POST manage/classify",
        ["ListPublications"] = "httpTrigger GET publications",
        ["GetPublication"] = "httpTrigger GET publications/{id}",
        ["GetPillarFeed"] = "httpTrigger GET pillars/{id}/feed",
        ["PublishOutbox"] = "timerTrigger 0 * * * * *",
        ["IngestFeeds"] = "timerTrigger %FeedsSchedule%",
        ["DrainFanOut"] = "timerTrigger %FanOutSchedule%",
        ["DrainDeliveries"] = "timerTrigger %DeliverySchedule%",
        ["SendDailyDigests"] = "timerTrigger %DailyDigestSchedule%",
        ["SendWeeklyDigests"] = "timerTrigger %WeeklyDigestSchedule%",
        ["GetDeliveries"] = "httpTrigger GET manage/deliveries",
        ["ListDeadLetters"] = "httpTrigger GET manage/dead-letters",
        ["ReplayDeadLetters"] = "httpTrigger POST manage/dead-letters/replay",
        ["ResendPublication"] = "httpTrigger POST manage/publications/{id}/resend",
        ["CreateSubscription"] = "httpTrigger POST subscriptions",
        ["ConfirmSubscription"] = "httpTrigger GET subscriptions/confirm",
        ["SubmitConfirmation"] = "httpTrigger POST subscriptions/confirm",
        ["RotateManageLink"] = "httpTrigger POST subscriptions/manage/{token}/rotate-link",
        ["Housekeeping"] = "timerTrigger 0 30 3 * * *",
        ["NoSuchRoute"] = "httpTrigger GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS {*path}",
        ["GetSubscription"] = "httpTrigger GET subscriptions/manage/{token}",
        ["UpdateSubscription"] = "httpTrigger POST subscriptions/manage/{token}",
        ["VerifyWebhook"] = "httpTrigger POST subscriptions/manage/{token}/verify",
        ["RotateWebhookSecret"] = "httpTrigger POST subscriptions/manage/{token}/rotate-secret",
        ["GetUnsubscribePage"] = "httpTrigger GET subscriptions/unsubscribe/{token}",
        ["Unsubscribe"] = "httpTrigger POST subscriptions/unsubscribe/{token}",
        ["ShowSubscribePage"] = "httpTrigger GET subscribe",
        ["SubmitSubscribePage"] = "httpTrigger POST subscribe",
        ["GetOpenApi"] = "httpTrigger GET openapi.json",
        ["GetHealth"] = "httpTrigger GET health",
        ["GetReadiness"] = "httpTrigger GET health/ready",
        ["GetStylesheet"] = "httpTrigger GET assets/site.css",
        ["ShowConsoleSignIn"] = "httpTrigger GET console/sign-in",
        ["ConsoleSignIn"] = "httpTrigger POST console/sign-in",
        ["ConsoleSignOut"] = "httpTrigger POST console/sign-out",
        ["ShowConsoleNewRelease"] = "httpTrigger GET console/releases/new",
        ["SubmitConsoleRelease"] = "httpTrigger POST console/releases",
        ["ListConsolePublications"] = "httpTrigger GET console/publications",
        ["ShowConsolePublication"] = "httpTrigger GET console/publications/{id}",
        ["ConsoleResend"] = "httpTrigger POST console/publications/{id}/resend",
        ["ConsoleReplay"] = "httpTrigger POST console/dead-letters/replay",
        ["ShowConsoleFeeds"] = "httpTrigger GET console/feeds",
    };

    [Fact]
    public void Generated_metadata_lists_exactly_the_expected_functions()
    {
        var actual = ReadMetadata();

        Assert.Equal(Expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    private static Dictionary<string, string> ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString()!;
            result[function.GetProperty("name").GetString()!] = type switch
            {
                "httpTrigger" => $"{type} {string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))} {trigger.GetProperty("route").GetString()}",
                "timerTrigger" => $"{type} {trigger.GetProperty("schedule").GetString()}",
                _ => type,
            };
        }

        return result;
    }

    internal static string MetadataPath()
    {
        // Same configuration and framework as this test assembly, e.g. bin/Debug/net10.0.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var path = HumanSecurityAlerts.Testing.RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions", "bin", configuration, framework.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} not found: build the Functions app first.");
        return path;
    }
}
