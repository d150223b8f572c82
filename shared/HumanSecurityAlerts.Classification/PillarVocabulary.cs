using HumanSecurityAlerts.Pillars;

using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// The English and French vocabularies, read once from the embedded <c>Vocabulary/*.txt</c> files:
/// each language's stop words, neutral phrases and anchor (<c>en.txt</c>, <c>fr.txt</c>), and the
/// pillar concepts of both languages (<c>concepts.txt</c>). The files' headers explain the formats
/// and the weights.
/// </summary>
internal sealed class PillarVocabulary
{
    private const string StopWordsSection = "stop-words";
    private const string HumanSecuritySection = "human-security";
    private const string NeutralSection = "neutral";
    private const string StemOverridesSection = "stem-overrides";

    // Bounds the per-thread word cache: a 10 MB input of distinct words must not grow it without end.
    private const int MaxCachedWords = 50_000;

    // Stemming and three hash lookups per word would dominate the cost; each thread remembers what
    // it learnt about a word, in one lookup. Static because there is one vocabulary per process.
    [ThreadStatic]
    private static WordCache? ThreadWords;

    private PillarVocabulary(IReadOnlyList<LanguageVocabulary> languages, IReadOnlyList<VocabularyTerm> terms, LearnedPillarModel? learned)
    {
        Languages = languages;
        Terms = terms;
        Detector = new LanguageDetector(languages);
        Learned = learned;
    }

    /// <summary>Built on first use and shared: the per-thread word caches are only worth it if it lives long.</summary>
    public static PillarVocabulary Default { get; } = Load();

    public IReadOnlyList<LanguageVocabulary> Languages { get; }

    public IReadOnlyList<VocabularyTerm> Terms { get; }

    public LanguageDetector Detector { get; }

    /// <summary>The learned gate's model (<c>Vocabulary/learned-model.json</c>), or null when the assembly carries none.</summary>
    public LearnedPillarModel? Learned { get; }

    /// <summary>The index of a language in <see cref="Languages"/>, or -1 ("other").</summary>
    public int LanguageIndex(string language)
    {
        for (var l = 0; l < Languages.Count; l++)
        {
            if (Languages[l].Language == language)
            {
                return l;
            }
        }

        return -1;
    }

    /// <summary>A folded word's code in each language and its language-detection slot. Thread-safe; allocates only the first time a thread meets a word.</summary>
    public WordInfo Describe(ReadOnlySpan<char> folded)
    {
        var cache = ThreadWords ??= new WordCache();
        if (cache.Lookup.TryGetValue(folded, out var info))
        {
            return info;
        }

        var word = folded.ToString();
        var codes = new int[Languages.Count];
        var stems = new string?[Languages.Count];
        var features = new int[Languages.Count];
        for (var l = 0; l < codes.Length; l++)
        {
            stems[l] = Languages[l].StemOf(word);
            codes[l] = stems[l] is { } stem ? Languages[l].CodeOfStem(stem) : LanguageVocabulary.Stop;
            features[l] = stems[l] is { } s && Learned is { } model ? model.UnigramIndex(s) : -1;
        }

        info = new WordInfo(Detector.Slot(word), codes, stems, features);
        if (cache.Words.Count >= MaxCachedWords)
        {
            cache.Words.Clear();
        }

        cache.Words[word] = info;
        return info;
    }

    private static PillarVocabulary Load()
    {
        var terms = new List<VocabularyTerm>();
        LanguageVocabulary[] languages =
        [
            Read(0, "en", () => new EnglishStemmer(), terms),
            Read(1, "fr", () => new FrenchStemmer(), terms),
        ];

        using (var reader = OpenResource("concepts.txt"))
        {
            foreach (var concept in ConceptReader.Read(reader))
            {
                var pillar = concept.Section == ConceptReader.ConflictContextSection
                    ? VocabularyTerm.ConflictContext
                    : PillarIndex(concept.Section, $"concepts.txt line {concept.Line}");
                var also = concept.AlsoSection is null ? -1 : PillarIndex(concept.AlsoSection, $"concepts.txt line {concept.Line}");
                if (also == pillar || (also >= 0 && pillar < 0))
                {
                    throw new InvalidDataException($"concepts.txt line {concept.Line}: the second pillar must be another pillar.");
                }

                foreach (var language in languages)
                {
                    foreach (var phrase in concept.Terms[language.Language])
                    {
                        AddTerm(language, new VocabularyTerm(terms.Count, pillar, phrase, concept.Weight, concept.Weak, also), terms);
                    }
                }
            }
        }

        return new PillarVocabulary(languages, terms, LearnedPillarModel.LoadEmbedded());
    }

    /// <summary>One language's file: its stop words and stem overrides first, then its neutral phrases and anchor.</summary>
    private static LanguageVocabulary Read(int index, string language, Func<SnowballProgram> createStemmer, List<VocabularyTerm> terms)
    {
        var sections = ReadSections(language);
        var stopWords = sections.TryGetValue(StopWordsSection, out var stopLines)
            ? stopLines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(Fold)
            : [];
        var stemOverrides = sections.TryGetValue(StemOverridesSection, out var overrideLines)
            ? overrideLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => KeyValuePair.Create(Fold(w[0]), Fold(w[^1])))
            : [];
        var vocabulary = new LanguageVocabulary(index, language, stopWords, stemOverrides, createStemmer);

        foreach (var (section, lines) in sections)
        {
            if (section is StopWordsSection or StemOverridesSection)
            {
                continue;
            }

            var kind = section switch
            {
                HumanSecuritySection => VocabularyTerm.HumanSecurityAnchor,
                NeutralSection => VocabularyTerm.Neutral,
                _ => throw new InvalidDataException($"Vocabulary {language}: unknown section [{section}] (pillar terms belong in concepts.txt)."),
            };
            foreach (var line in lines)
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space < 0 || !double.TryParse(line.AsSpan(0, space), System.Globalization.CultureInfo.InvariantCulture, out var weight))
                {
                    throw new InvalidDataException($"Vocabulary {language}: expected \"weight phrase\", got \"{line}\".");
                }

                AddTerm(vocabulary, new VocabularyTerm(terms.Count, kind, line[(space + 1)..].Trim(), weight), terms);
            }
        }

        return vocabulary;
    }

    private static void AddTerm(LanguageVocabulary vocabulary, VocabularyTerm term, List<VocabularyTerm> terms)
    {
        var stems = vocabulary.InternPhrase(term.Phrase);
        if (stems.Length == 0)
        {
            throw new InvalidDataException($"Vocabulary {vocabulary.Language}: \"{term.Phrase}\" has only stop words.");
        }

        terms.Add(term);
        vocabulary.Trie.Add(stems, term);
    }

    private static int PillarIndex(string id, string where)
    {
        for (var i = 0; i < PillarCatalog.All.Count; i++)
        {
            if (PillarCatalog.All[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidDataException($"{where}: unknown pillar section [{id}].");
    }

    /// <summary>An embedded file of <c>Vocabulary/</c>.</summary>
    public static StreamReader OpenResource(string fileName) =>
        TryOpenResource(fileName) ?? throw new InvalidOperationException($"Embedded vocabulary {fileName} is missing.");

    /// <summary>An embedded file of <c>Vocabulary/</c>, or null if there is none.</summary>
    public static StreamReader? TryOpenResource(string fileName)
    {
        var stream = typeof(PillarVocabulary).Assembly.GetManifestResourceStream($"HumanSecurityAlerts.Classification.Vocabulary.{fileName}");
        return stream is null ? null : new StreamReader(stream);
    }

    private static Dictionary<string, List<string>> ReadSections(string language)
    {
        using var reader = OpenResource($"{language}.txt");

        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        while (reader.ReadLine() is { } raw)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = [];
                sections.Add(line[1..^1], current);
            }
            else
            {
                (current ?? throw new InvalidDataException($"Vocabulary {language}: \"{line}\" is outside a [section].")).Add(line);
            }
        }

        return sections;
    }

    private static string Fold(string word)
    {
        Span<char> buffer = stackalloc char[LanguageVocabulary.MaxWordLength];
        var length = TextFolder.Fold(word, buffer);
        return length >= 0 ? buffer[..length].ToString() : throw new InvalidDataException($"Stop word too long: \"{word}\".");
    }

    private sealed class WordCache
    {
        public WordCache() => Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

        public Dictionary<string, WordInfo> Words { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
