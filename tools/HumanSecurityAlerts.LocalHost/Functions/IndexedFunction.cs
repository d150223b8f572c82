using System.Text.Json;
using HumanSecurityAlerts.LocalHost.Rpc;

namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>A function as the worker's indexing declares it (FunctionMetadataResponse), with its trigger read from its raw bindings.</summary>
internal sealed record IndexedFunction(string Name, TriggerBinding Trigger, RpcFunctionMetadata Metadata)
{
    public static IndexedFunction From(RpcFunctionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var raw in metadata.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var name = root.GetProperty("name").GetString()!;
            switch (root.GetProperty("type").GetString())
            {
                case var type when string.Equals(type, "httpTrigger", StringComparison.OrdinalIgnoreCase):
                    var methods = root.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array && m.GetArrayLength() > 0
                        ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToList()
                        : ["GET", "POST"];
                    var route = root.TryGetProperty("route", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : metadata.Name;
                    return new IndexedFunction(metadata.Name, new HttpTriggerBinding(name, route, methods), metadata);
                case var type when string.Equals(type, "timerTrigger", StringComparison.OrdinalIgnoreCase):
                    var runOnStartup = root.TryGetProperty("runOnStartup", out var s) && s.ValueKind == JsonValueKind.True;
                    return new IndexedFunction(metadata.Name, new TimerTriggerBinding(name, root.GetProperty("schedule").GetString()!, runOnStartup), metadata);
            }
        }

        throw new NotSupportedException($"Function {metadata.Name} has no HTTP or timer trigger: the local host runs only those.");
    }
}
