using System.Diagnostics;
using System.Text.Json;

namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// Installs the local components' tools on the first run, saying so before each step (together they take a minute or
/// more): Azurite from package.json with <c>npm ci</c>, smtp4dev from the tool manifest with <c>dotnet tool restore</c>.
/// Done here rather than in the build because <c>dotnet run</c> shows no build messages: the first run looked stuck.
/// </summary>
internal static class LocalTools
{
    private const string Smtp4devPackage = "rnwood.smtp4dev";

    public static async Task EnsureInstalledAsync(string root)
    {
        if (!File.Exists(Path.Combine(root, "node_modules", "azurite", "package.json")))
        {
            Console.WriteLine("First run: installing Azurite with 'npm ci' (a minute or so; later runs skip this)...");
            await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], root).ConfigureAwait(false);
        }

        if (!Directory.Exists(Path.Combine(NuGetPackagesFolder(), Smtp4devPackage, Smtp4devVersion(root))))
        {
            Console.WriteLine("First run: installing smtp4dev with 'dotnet tool restore' (a minute or so; later runs skip this)...");
            await RunAsync("dotnet", ["tool", "restore"], root).ConfigureAwait(false);
        }
    }

    private static string Smtp4devVersion(string root)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")));
        return manifest.RootElement.GetProperty("tools").GetProperty(Smtp4devPackage).GetProperty("version").GetString()
            ?? throw new InvalidOperationException($"No version of {Smtp4devPackage} in .config/dotnet-tools.json.");
    }

    /// <summary>Where NuGet keeps packages, tools among them: NUGET_PACKAGES if set, else ~/.nuget/packages.</summary>
    private static string NuGetPackagesFolder() =>
        System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Runs a command on this console, so that its progress and errors show as they come.</summary>
    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, string root)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false, WorkingDirectory = root };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', startInfo.ArgumentList)}' failed with exit code {process.ExitCode} (see its output above).");
        }
    }
}
