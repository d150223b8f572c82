using System.Reflection;
using System.Text.Json;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>
/// The Functions app as its build leaves it (functions/HumanSecurityAlerts.Functions/bin/CONFIGURATION/TFM): the folder
/// the host runs the worker in, and the worker's start command from the worker.config.json the Functions SDK writes there.
/// </summary>
internal sealed record FunctionsAppFolder(string Directory, string Executable, string WorkerPath)
{
    public static FunctionsAppFolder Find(string repositoryRoot)
    {
        // The host and the app come from the same build: same configuration, same target framework.
        var configuration = typeof(FunctionsAppFolder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = $"net{System.Environment.Version.Major}.{System.Environment.Version.Minor}";
        var directory = Path.Combine(repositoryRoot, "functions", "HumanSecurityAlerts.Functions", "bin", configuration, framework);
        var config = Path.Combine(directory, "worker.config.json");
        if (!File.Exists(config))
        {
            throw new InvalidOperationException($"The Functions app is not built ({config} is missing): build HumanSecurityAlerts.sln with -c {configuration}.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(config));
        var description = document.RootElement.GetProperty("description");
        return new FunctionsAppFolder(
            directory,
            description.GetProperty("defaultExecutablePath").GetString()!,
            description.GetProperty("defaultWorkerPath").GetString()!);
    }

    /// <summary>extensions.http.routePrefix of host.json ("api" when absent), as the host and the worker read it.</summary>
    public string RoutePrefix()
    {
        var path = Path.Combine(Directory, "host.json");
        if (!File.Exists(path))
        {
            return "api";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.ValueKind == JsonValueKind.String
                ? prefix.GetString()!
                : "api";
    }
}
