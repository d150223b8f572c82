using System.Text.Json;
using System.Text.Json.Nodes;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// The local host learns the functions from the worker itself (worker indexing), as the Functions host does; Core Tools
/// and Azure tooling read functions.metadata from the build output. Both come from the Functions SDK and must agree.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class WorkerIndexingTests(LocalHostFixture host)
{
    [Fact]
    public void Worker_indexing_and_functions_metadata_agree_function_by_function()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var fromFile = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => Describe(f.GetProperty("entryPoint").GetString()!, f.GetProperty("scriptFile").GetString()!, f.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText())));
        var fromWorker = host.Functions.ToDictionary(
            f => f.Name,
            f => Describe(f.Metadata.EntryPoint, f.Metadata.ScriptFile, f.Metadata.RawBindings));

        Assert.Equal(44, fromFile.Count);
        Assert.Equal(fromFile.Keys.Order(StringComparer.Ordinal), fromWorker.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, described) in fromFile)
        {
            Assert.True(described == fromWorker[name], $"{name}:{Environment.NewLine}functions.metadata: {described}{Environment.NewLine}worker indexing:   {fromWorker[name]}");
        }
    }

    /// <summary>
    /// Entry point, script file and bindings, each binding as JSON with its properties in name order; an empty
    /// <c>properties</c> object (written to the file, left out by the worker) says nothing and is left out.
    /// </summary>
    private static string Describe(string entryPoint, string scriptFile, IEnumerable<string> bindings) =>
        $"{entryPoint} in {scriptFile}: " + string.Join(" ", bindings.Select(b => Canonical(JsonNode.Parse(b))).Order(StringComparer.Ordinal));

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.Where(p => p.Value is not JsonObject { Count: 0 }).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key.ToUpperInvariant()}:{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    private static string MetadataPath()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions", "bin", framework.Parent!.Name, framework.Name, "functions.metadata");
    }
}
