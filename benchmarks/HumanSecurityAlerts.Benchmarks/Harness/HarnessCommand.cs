using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// <c>harness fanout --subscribers N | webhooks --count N [--instances N] | email --count N [--instances N] | storage --count N | latency --releases N [--warmup N] [--gap-ms N] [--subscribers N]</c>,
/// each with any number of <c>--set Section:Key=value</c> overrides of the app's settings.
/// </summary>
internal static class HarnessCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return Usage();
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                return Usage();
            }

            if (args[i] == "--set")
            {
                var parts = args[++i].Split('=', 2);
                overrides[parts[0]] = parts.Length > 1 ? parts[1] : "";
            }
            else
            {
                options[args[i][2..]] = args[++i];
            }
        }

        int Get(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return args[0] switch
        {
            "fanout" => await DeliveryScenarios.FanOutAsync(Get("subscribers", 10_000), overrides),
            "webhooks" => await DeliveryScenarios.WebhooksAsync(Get("count", 5_000), Get("instances", 1), overrides),
            "storage" => await DeliveryScenarios.StorageAsync(Get("count", 5_000), overrides),
            "email" => await DeliveryScenarios.EmailAsync(Get("count", 2_000), Get("instances", 1), overrides),
            "latency" => await LatencyScenario.RunAsync(Get("releases", 50), Get("warmup", 2), TimeSpan.FromMilliseconds(Get("gap-ms", 1500)), Get("subscribers", 1), overrides),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: harness fanout [--subscribers 10000] | webhooks [--count 5000] [--instances 1] | email [--count 2000] [--instances 1] | storage [--count 5000] | latency [--releases 50] [--warmup 2] [--gap-ms 1500] [--subscribers 1]  [--set Section:Key=value ...]");
        return 2;
    }
}
