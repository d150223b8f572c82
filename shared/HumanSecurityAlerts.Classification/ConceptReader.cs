using System.Globalization;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Reads <c>Vocabulary/concepts.txt</c> ("weight [weak] [+pillar] | English terms | French terms" under a
/// [section] header, terms separated by ";"). A concept with no term in one of the languages is
/// refused: a French text must be read with the same concepts as an English one.
/// </summary>
internal static class ConceptReader
{
    public const string ConflictContextSection = "conflict-context";

    /// <summary>The languages of the columns after the weight, in order.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    public static IReadOnlyList<Concept> Read(TextReader reader)
    {
        var concepts = new List<Concept>();
        string? section = null;
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }

            concepts.Add(Parse(line, section ?? throw Error(lineNumber, "is outside a [section]"), lineNumber));
        }

        return concepts;
    }

    private static Concept Parse(string line, string section, int lineNumber)
    {
        var columns = line.Split('|', StringSplitOptions.TrimEntries);
        if (columns.Length != Languages.Count + 1)
        {
            throw Error(lineNumber, $"needs a weight and {Languages.Count} columns of terms ({string.Join(", ", Languages)}), separated by \"|\"");
        }

        var head = columns[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var weak = head.Length > 1 && head[1] == "weak";
        var also = head.Length > (weak ? 2 : 1) && head[^1].Length > 1 && head[^1][0] == '+' ? head[^1][1..] : null;
        if (head.Length == 0 || head.Length != 1 + (weak ? 1 : 0) + (also is null ? 0 : 1) || !double.TryParse(head[0], CultureInfo.InvariantCulture, out var weight))
        {
            throw Error(lineNumber, $"starts with \"{columns[0]}\", expected a weight, optionally followed by \"weak\" and by \"+\" and a second pillar");
        }

        var terms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var l = 0; l < Languages.Count; l++)
        {
            var phrases = columns[l + 1].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            terms[Languages[l]] = phrases.Length > 0
                ? phrases
                : throw Error(lineNumber, $"has no {Languages[l]} term: every concept needs terms in {string.Join(" and ", Languages)}");
        }

        return new Concept(section, weight, weak, lineNumber, terms, also);
    }

    private static InvalidDataException Error(int line, string what) => new($"concepts.txt line {line} {what}.");
}
