using System.Globalization;
using System.Text.Json;

namespace HumanSecurityAlerts.LocalHost.Environment;

/// <summary>
/// The settings of the local run: the <c>Values</c> of local.settings.sample.json (the same file Core Tools users
/// copy), then local.settings.json if present, with the addresses of the components this run started on top.
/// </summary>
internal static class LocalSettings
{
    public const string AdminKey = "Admin:ApiKey";

    public static Dictionary<string, string?> For(string repositoryRoot, string tables, string serviceBus, string smtpHost, int smtpPort, string baseUrl)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in new[] { "local.settings.sample.json", "local.settings.json" })
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

        settings["TableStorage"] = tables;
        settings["ServiceBus"] = serviceBus;
        settings["Smtp:Host"] = smtpHost;
        settings["Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        settings["Site:BaseUrl"] = baseUrl;
        return settings;
    }
}
