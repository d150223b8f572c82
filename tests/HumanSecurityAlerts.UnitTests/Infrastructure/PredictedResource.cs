using System.Text.Json.Nodes;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

public sealed record PredictedResource(JsonObject Node)
{
    public string Id => Node["id"]?.GetValue<string>() ?? string.Empty;

    public string Type => Node["type"]?.GetValue<string>() ?? string.Empty;

    public string Name => Node["name"]?.GetValue<string>() ?? string.Empty;

    public JsonObject? Properties => Node["properties"] as JsonObject;
}
