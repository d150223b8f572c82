using System.Text.RegularExpressions;
using System.Xml.Linq;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.UnitTests.Architecture;

/// <summary>
/// The rules of docs/architecture.md, read from the source: features (one folder = one namespace, across the shared
/// projects) depend on each other without cycles, the functions see only public types of the shared projects, and
/// reach Infrastructure only through the composition root.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] SharedProjects =
        ["HumanSecurityAlerts.Core", "HumanSecurityAlerts.Classification", "HumanSecurityAlerts.Infrastructure"];

    /// <summary>What the functions may name from Infrastructure: the composition root and the credential it also gives the telemetry exporter.</summary>
    private static readonly string[] CompositionRoot = ["HumanSecurityAlertsServiceCollectionExtensions", "AzureCredentials"];

    [Fact]
    public void Features_depend_on_each_other_without_a_cycle()
    {
        var graph = FeatureGraph();

        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).Select(c => string.Join(" ↔ ", c.Order(StringComparer.Ordinal))).ToList();

        Assert.True(cycles.Count == 0, "Feature cycles: " + string.Join("; ", cycles));
        Assert.True(graph.Count > 15, "The graph should hold every feature folder.");
    }

    [Theory]
    [InlineData("HumanSecurityAlerts.Core")]
    [InlineData("HumanSecurityAlerts.Classification")]
    [InlineData("HumanSecurityAlerts.Infrastructure")]
    public void No_shared_project_opens_its_internals_to_the_functions(string name)
    {
        var project = XDocument.Load(RepositoryPaths.Combine("shared", name, name + ".csproj"));

        var friends = project.Descendants("InternalsVisibleTo").Select(e => (string?)e.Attribute("Include")).ToList();

        Assert.DoesNotContain("HumanSecurityAlerts.Functions", friends);
    }

    [Fact]
    public void The_functions_name_no_infrastructure_type_but_the_composition_root()
    {
        var infrastructureTypes = SourceFiles(RepositoryPaths.Combine("shared", "HumanSecurityAlerts.Infrastructure"))
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .Except(CompositionRoot)
            .ToHashSet(StringComparer.Ordinal);
        var coreTypes = SourceFiles(RepositoryPaths.Combine("shared", "HumanSecurityAlerts.Core"))
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        infrastructureTypes.ExceptWith(coreTypes);

        var uses = SourceFiles(RepositoryPaths.Combine("functions", "HumanSecurityAlerts.Functions"))
            .SelectMany(f => Identifier().Matches(StripComments(File.ReadAllText(f))).Select(m => (File: Path.GetFileName(f), Name: m.Value)))
            .Where(u => infrastructureTypes.Contains(u.Name))
            .Select(u => $"{u.File}: {u.Name}")
            .Distinct()
            .ToList();

        Assert.True(infrastructureTypes.Count > 30, "Infrastructure's types should be found.");
        Assert.True(uses.Count == 0, "Functions naming Infrastructure types: " + string.Join(", ", uses));
    }

    private static Dictionary<string, HashSet<string>> FeatureGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SharedProjects.SelectMany(p => SourceFiles(RepositoryPaths.Combine("shared", p))))
        {
            var text = StripComments(File.ReadAllText(file));
            var own = FileNamespace().Match(text);
            if (!own.Success)
            {
                continue;
            }

            var feature = own.Groups["feature"].Value;
            var edges = graph.TryGetValue(feature, out var e) ? e : graph[feature] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match used in FeatureReference().Matches(text))
            {
                var other = used.Groups["feature"].Value;
                if (other != feature && other != "Functions")
                {
                    edges.Add(other);
                }
            }
        }

        foreach (var edges in graph.Values)
        {
            edges.IntersectWith(graph.Keys);
        }

        return graph;
    }

    /// <summary>Tarjan's strongly connected components: any with more than one feature is a cycle.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph[v])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string StripComments(string source) => Comment().Replace(source, "");

    [GeneratedRegex(@"^namespace HumanSecurityAlerts\.(?<feature>\w+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"\bHumanSecurityAlerts\.(?<feature>\w+)")]
    private static partial Regex FeatureReference();

    [GeneratedRegex(@"^(?:public |internal )?(?:static |sealed |abstract |partial |readonly )*(?:class|record struct|record|struct|interface|enum) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Z]\w+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
