using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

/// <summary>Builds main.bicep and predicts its resources once for all the tests of the class (other parameter sets on demand).</summary>
public sealed class BicepTemplateFixture : IDisposable
{
    private const string SubscriptionId = "00000000-0000-0000-0000-000000000000";
    private const string TenantId = "00000000-0000-0000-0000-0000000000aa";
    private const string Location = "westeurope";

    private readonly string workDirectory = Directory.CreateTempSubdirectory("hsa-bicep-").FullName;
    private readonly string bicep;
    private readonly string mainBicep;
    private readonly Dictionary<string, BicepSnapshot> snapshots = new(StringComparer.Ordinal);

    public BicepTemplateFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        bicep = FindBicep();
        mainBicep = PathOf("infra", "main.bicep");

        var build = Run(bicep, "build", mainBicep, "--stdout");
        Assert.True(build.ExitCode == 0, $"bicep build failed:\n{build.StandardError}");
        ArmJson = build.StandardOutput;
        BuildDiagnostics = build.StandardError.Trim();
        var arm = JsonNode.Parse(ArmJson)!.AsObject();
        Arm = arm;
        TargetScope = arm["$schema"]!.GetValue<string>().Contains("subscriptionDeploymentTemplate", StringComparison.Ordinal) ? "subscription" : "other";
        Parameters = arm["parameters"]?.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
        Outputs = arm["outputs"]?.AsObject().Select(o => o.Key).ToList() ?? [];

        var snapshot = Snapshot(new Dictionary<string, string>());
        Assert.True(snapshot.ExitCode == 0, $"bicep snapshot failed:\n{snapshot.Error}");
        Resources = snapshot.Resources;
        AppSettings = snapshot.AppSettings;
    }

    public string RepositoryRoot { get; }

    /// <summary>The ARM JSON of <c>bicep build --stdout</c>.</summary>
    public string ArmJson { get; }

    public string BuildDiagnostics { get; }

    public JsonObject Arm { get; }

    public string TargetScope { get; }

    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Every resource the deployment creates, as <c>bicep snapshot</c> predicts it.</summary>
    public IReadOnlyList<PredictedResource> Resources { get; }

    /// <summary>The Function App's application settings (names case-insensitive, as the app reads them).</summary>
    public IReadOnlyDictionary<string, JsonNode?> AppSettings { get; }

    public string PathOf(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);

    /// <summary>
    /// Runs <c>bicep snapshot</c> with sample values for the parameters that have no default, and <paramref name="values"/>
    /// (Bicep literals, e.g. <c>true</c> or <c>'text'</c>) on top; each parameter set once per fixture.
    /// </summary>
    public BicepSnapshot Snapshot(IReadOnlyDictionary<string, string> values)
    {
        var key = string.Join('\n', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
        lock (snapshots)
        {
            if (snapshots.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var parametersFile = Path.Combine(workDirectory, $"scenario{snapshots.Count}.bicepparam");
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"using '{Path.GetRelativePath(workDirectory, mainBicep).Replace('\\', '/')}'\n");
            foreach (var (name, parameter) in Parameters.Where(p => p.Value?["defaultValue"] is null && !values.ContainsKey(p.Key)))
            {
                text.Append(CultureInfo.InvariantCulture, $"param {name} = {SampleValue(name, parameter!)}\n");
            }

            foreach (var (name, value) in values)
            {
                text.Append(CultureInfo.InvariantCulture, $"param {name} = {value}\n");
            }

            File.WriteAllText(parametersFile, text.ToString());
            var run = Run(bicep, "snapshot", parametersFile, "--mode", "overwrite", "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", Location);
            BicepSnapshot snapshot;
            if (run.ExitCode != 0)
            {
                snapshot = new BicepSnapshot(run.ExitCode, run.StandardError + run.StandardOutput, [], new Dictionary<string, JsonNode?>());
            }
            else
            {
                var predicted = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(parametersFile, ".snapshot.json")))!;
                var diagnostics = predicted["diagnostics"]?.AsArray() ?? [];
                Assert.True(diagnostics.Count == 0, "bicep snapshot could not predict everything:\n" + string.Join('\n', diagnostics));
                var resources = predicted["predictedResources"]!.AsArray().Select(r => new PredictedResource(r!.AsObject())).ToList();
                var appSettings = Assert.Single(resources, r => r.Type == "Microsoft.Web/sites/config" && r.Name.EndsWith("/appsettings", StringComparison.Ordinal));
                snapshot = new BicepSnapshot(0, string.Empty, resources, appSettings.Properties!.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
            }

            snapshots[key] = snapshot;
            return snapshot;
        }
    }

    private static string SampleValue(string name, JsonNode parameter)
    {
        if (parameter["allowedValues"] is JsonArray { Count: > 0 } allowed)
        {
            return allowed[0]!.GetValueKind() == JsonValueKind.String ? $"'{allowed[0]}'" : allowed[0]!.ToJsonString();
        }

        return parameter["type"]!.GetValue<string>().ToLowerInvariant() switch
        {
            "int" => (parameter["minValue"]?.GetValue<int>() ?? 1).ToString(CultureInfo.InvariantCulture),
            "bool" => "true",
            "array" => "[]",
            "object" or "secureobject" => "{}",
            _ when name.Equals("location", StringComparison.OrdinalIgnoreCase) => $"'{Location}'",
            _ when name.Equals("environmentName", StringComparison.OrdinalIgnoreCase) => "'ci'",
            _ when name.Contains("Email", StringComparison.Ordinal) => "'operators@example.org'",
            _ => $"'{$"sample-{name.ToLowerInvariant()}".PadRight(parameter["minLength"]?.GetValue<int>() ?? 0, 'x')}'",
        };
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HumanSecurityAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HumanSecurityAlerts.sln not found above {AppContext.BaseDirectory}.");
    }

    private static string FindBicep()
    {
        var path = Environment.GetEnvironmentVariable("BICEP")
            ?? typeof(BicepTemplateFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BicepCliPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"Bicep CLI not found at '{path}': restore tests/HumanSecurityAlerts.UnitTests (PackageDownload of Azure.Bicep.CommandLine.linux-x64) or set BICEP.");
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static (int ExitCode, string StandardOutput, string StandardError) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update checks: the CLI must work offline.
        start.Environment["BICEP_TELEMETRY_OPT_OUT"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
