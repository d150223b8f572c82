using System.Globalization;
using System.Text.Json;

namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// The settings of the local run: the <c>Values</c> of local.settings.sample.json (the same file Core Tools users
/// copy), then local.settings.json if present, with the addresses of the components this run started on top. The
/// tests build the app from the same settings.
/// </summary>
internal static class LocalSettings
{
    public const string AdminKey = "Admin:ApiKey";

    private const string SampleFile = "local.settings.sample.json";

    private const string DeveloperFile = "local.settings.json";

    /// <param name="developerSettings">
    /// Whether local.settings.json counts: the local run takes it; tests do not, so they pass on any developer's machine.
    /// </param>
    public static Dictionary<string, string?> For(
        string repositoryRoot, string tables, string serviceBus, string smtpHost, int smtpPort, string baseUrl, bool developerSettings = true)
    {
        var settings = Values(repositoryRoot, developerSettings ? [SampleFile, DeveloperFile] : [SampleFile]);
        settings["TableStorage"] = tables;
        settings["ServiceBus"] = serviceBus;
        settings["Smtp:Host"] = smtpHost;
        settings["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Site:BaseUrl"] = baseUrl;
        return settings;
    }

    /// <summary>The values of local.settings.sample.json alone, e.g. its admin key.</summary>
    public static Dictionary<string, string?> Sample(string repositoryRoot) => Values(repositoryRoot, [SampleFile]);

    private static Dictionary<string, string?> Values(string repositoryRoot, string[] files)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var path = Path.Combine(repositoryRoot, file);
            if (File.Exists(path))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                foreach (var value in document.RootElement.GetProperty("Values").EnumerateObject())
                {
                    // Core Tools turns Values into environment variables, where "__" separates sections.
                    settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.GetString();
                }
            }
        }

        return settings;
    }
}
