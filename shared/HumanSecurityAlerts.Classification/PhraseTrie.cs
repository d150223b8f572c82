namespace HumanSecurityAlerts.Classification;

/// <summary>Terms keyed by their sequence of stem ids; built once, then only read (safe for concurrent readers).</summary>
internal sealed class PhraseTrie
{
    private readonly Node root = new();

    /// <summary>Adds a term; of two terms with the same stems, the heavier wins.</summary>
    public void Add(ReadOnlySpan<int> stems, VocabularyTerm term)
    {
        var node = root;
        foreach (var stem in stems)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(stem, out var child))
            {
                child = new Node();
                node.Children.Add(stem, child);
            }

            node = child;
        }

        if (node.Term is null || node.Term.Weight < term.Weight)
        {
            node.Term = term;
        }
    }

    /// <summary>The longest term starting at <paramref name="codes"/>[0]; returns how many codes it spans, 0 if none.</summary>
    public int LongestMatch(ReadOnlySpan<int> codes, out VocabularyTerm? term)
    {
        term = null;
        var length = 0;
        var node = root;
        for (var i = 0; i < codes.Length && node.Children is not null && node.Children.TryGetValue(codes[i], out node); i++)
        {
            if (node.Term is not null)
            {
                term = node.Term;
                length = i + 1;
            }
        }

        return length;
    }

    private sealed class Node
    {
        public Dictionary<int, Node>? Children { get; set; }

        public VocabularyTerm? Term { get; set; }
    }
}
