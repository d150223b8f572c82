using System.Collections.Frozen;

using Lucene.Net.Tartarus.Snowball;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// One language's stop words, stemmer and phrase trie. Text words become codes: a stem id the
/// vocabulary knows, <see cref="Unknown"/> or <see cref="Stop"/>.
/// </summary>
internal sealed class LanguageVocabulary
{
    public const int Unknown = -1;
    public const int Stop = -2;
    public const int Boundary = -3;

    private readonly FrozenSet<string> stopWords;
    private readonly Func<SnowballProgram> createStemmer;
    // Written only while the vocabulary is built, read concurrently afterwards.
    private readonly Dictionary<string, int> stemIds = new(StringComparer.Ordinal);

    // Snowball stemmers are not thread-safe: each thread keeps one per language (vocabularies live
    // as long as the process, see PillarVocabulary.Default).
    [ThreadStatic]
    private static SnowballProgram?[]? ThreadStemmers;

    private readonly int index;

    private readonly FrozenDictionary<string, string> stemOverrides;

    public LanguageVocabulary(int index, string language, IEnumerable<string> stopWords, IEnumerable<KeyValuePair<string, string>> stemOverrides, Func<SnowballProgram> createStemmer)
    {
        this.index = index;
        this.stemOverrides = stemOverrides.ToFrozenDictionary(StringComparer.Ordinal);
        Language = language;
        this.stopWords = stopWords.ToFrozenSet(StringComparer.Ordinal);
        this.createStemmer = createStemmer;
    }

    public string Language { get; }

    public PhraseTrie Trie { get; } = new();

    public IReadOnlySet<string> StopWords => stopWords;

    /// <summary>Build time only: the stem ids of a vocabulary phrase, stop words dropped.</summary>
    public int[] InternPhrase(string phrase)
    {
        var stemmer = createStemmer();
        var ids = new List<int>();
        var reader = new TokenReader(phrase);
        Span<char> buffer = stackalloc char[MaxWordLength];
        while (reader.Read(out var token))
        {
            if (token.IsBoundary)
            {
                continue;
            }

            var length = TextFolder.Fold(phrase.AsSpan(token.Start, token.Length), buffer);
            var word = length >= 0 ? buffer[..length].ToString() : throw new InvalidDataException($"Vocabulary word too long in \"{phrase}\".");
            if (stopWords.Contains(word))
            {
                continue;
            }

            var stem = Stem(stemmer, word);
            if (!stemIds.TryGetValue(stem, out var id))
            {
                id = stemIds.Count;
                stemIds.Add(stem, id);
            }

            ids.Add(id);
        }

        return [.. ids];
    }

    /// <summary>Longest word that is coded; longer "words" (URLs, base64) are <see cref="Unknown"/>.</summary>
    public const int MaxWordLength = 48;

    /// <summary>The code of a folded word. Thread-safe; callers cache it (<see cref="PillarVocabulary.Describe"/>).</summary>
    public int Code(string folded) => StemOf(folded) is { } stem ? CodeOfStem(stem) : Stop;

    /// <summary>The stem of a folded word (stem overrides applied), or null for a stop word. Thread-safe.</summary>
    public string? StemOf(string folded)
    {
        if (stopWords.Contains(folded))
        {
            return null;
        }

        var stemmers = ThreadStemmers ??= new SnowballProgram?[index + 1];
        if (stemmers.Length <= index)
        {
            Array.Resize(ref stemmers, index + 1);
            ThreadStemmers = stemmers;
        }

        var stemmer = stemmers[index] ??= createStemmer();
        return Stem(stemmer, folded);
    }

    /// <summary>The stem id a vocabulary phrase uses, or <see cref="Unknown"/>.</summary>
    public int CodeOfStem(string stem) => stemIds.TryGetValue(stem, out var id) ? id : Unknown;

    private string Stem(SnowballProgram stemmer, string word)
    {
        if (stemOverrides.TryGetValue(word, out var stem))
        {
            return stem;
        }

        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }
}
