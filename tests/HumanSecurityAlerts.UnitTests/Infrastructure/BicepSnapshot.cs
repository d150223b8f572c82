using System.Text.Json.Nodes;

namespace HumanSecurityAlerts.UnitTests.Infrastructure;

public sealed record BicepSnapshot(int ExitCode, string Error, IReadOnlyList<PredictedResource> Resources, IReadOnlyDictionary<string, JsonNode?> AppSettings);
