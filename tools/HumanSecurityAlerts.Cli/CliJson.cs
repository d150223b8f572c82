using System.Text.Encodings.Web;
using System.Text.Json;

namespace HumanSecurityAlerts.Cli;

internal static class CliJson
{
    /// <summary>camelCase, one object per line, accents written as they are.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
