using System.Collections.Frozen;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Detects English or French from function-word profiles: the stop words one language has and the
/// other lacks, plus markers of the languages most often mistaken for them (Spanish, Italian,
/// Portuguese, German, Dutch), which count for "other".
/// </summary>
internal sealed class LanguageDetector
{
    public const string Other = "other";

    // Frequent function words of neighbouring languages that are neither English nor French stop words.
    private const string OtherMarkers =
        "el los las del y por una es para como pero muy su sus al lo mas este esta han ha hoy " +
        "di che gli della delle dei nel sono " +
        "o os do da em não uma das dos " +
        "der die das und ist nicht mit von zu den ein eine auf auch sich " +
        "het een van niet met zijn voor ook";

    private readonly string[] languages;
    private readonly FrozenDictionary<string, int> profile;

    public LanguageDetector(IReadOnlyList<LanguageVocabulary> vocabularies)
    {
        languages = [.. vocabularies.Select(v => v.Language)];
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabularies.Count; i++)
        {
            foreach (var word in vocabularies[i].StopWords)
            {
                // A word two languages share says nothing about which one it is.
                if (!vocabularies.Where((_, j) => j != i).Any(v => v.StopWords.Contains(word)))
                {
                    words[word] = i;
                }
            }
        }

        Span<char> buffer = stackalloc char[LanguageVocabulary.MaxWordLength];
        foreach (var word in OtherMarkers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var folded = buffer[..TextFolder.Fold(word, buffer)].ToString();
            words.TryAdd(folded, languages.Length);
        }

        profile = words.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>One slot per language, and a last one for "other".</summary>
    public int CountSlots => languages.Length + 1;

    /// <summary>The slot a folded word counts for, or -1.</summary>
    public int Slot(string folded) => profile.TryGetValue(folded, out var slot) ? slot : -1;

    /// <summary>The language with clearly the most function words; the declared language only breaks near-ties.</summary>
    public string Decide(ReadOnlySpan<int> counts, string? declared)
    {
        var best = -1;
        var second = 0;
        for (var i = 0; i < languages.Length; i++)
        {
            if (best < 0 || counts[i] > counts[best])
            {
                second = best < 0 ? 0 : counts[best];
                best = i;
            }
            else
            {
                second = Math.Max(second, counts[i]);
            }
        }

        var top = counts[best];
        // Neighbouring languages share many French function words ("de", "la", "que"), so their own markers count double.
        if (top == 0 || counts[languages.Length] * 2 >= top)
        {
            return Other;
        }

        // Within a factor of 1.5 the text is mixed or too short to say; the publisher's word settles it.
        if (top * 2 < second * 3)
        {
            var declaredIndex = Array.FindIndex(languages, l => string.Equals(l, declared, StringComparison.OrdinalIgnoreCase));
            if (declaredIndex >= 0 && counts[declaredIndex] > 0)
            {
                return languages[declaredIndex];
            }
        }

        return languages[best];
    }
}
