using System.ComponentModel.DataAnnotations;
using System.Numerics;
using System.Runtime.InteropServices;

using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Text;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Explainable vocabulary classifier. Each field is tokenised once, folded, and coded against the
/// English and the French vocabularies (stop words dropped, Snowball stems), so mixed-language texts
/// match both; phrases are found by longest match in a trie of stem ids. A pillar's score adds its
/// matches' weights, title and summary weighing more, repeats decaying, body matches normalised by
/// length; <see cref="ClassifierOptions"/> documents the gates a pillar must pass.
/// </summary>
internal sealed class PillarClassifier : IPillarClassifier
{
    private const int Title = 0;
    private const int Summary = 1;
    private const int Body = 2;
    private const string OverviewTerm = "human security overview";

    private static readonly string[] FieldNames = ["title", "summary", "body"];

    [ThreadStatic]
    private static ClassificationScratch? ThreadScratch;

    private readonly ClassifierOptions options;
    private readonly PillarVocabulary vocabulary = PillarVocabulary.Default;
    private readonly double[] fieldWeights;

    public PillarClassifier(ClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        this.options = options;
        fieldWeights = [options.TitleWeight, options.SummaryWeight, 1];
    }

    public ClassificationResult Classify(ClassificationInput input) => Classify(input, null);

    /// <summary>
    /// Classifies, and when <paramref name="features"/> is given (training), adds to it the counts of the
    /// text's <see cref="LearnedFeatures"/> by name, in the detected language (none for "other").
    /// </summary>
    internal ClassificationResult Classify(ClassificationInput input, Dictionary<string, double>? features)
    {
        ArgumentNullException.ThrowIfNull(input);

        var scratch = ThreadScratch ??= new ClassificationScratch(vocabulary.Languages.Count, vocabulary.Detector.CountSlots, vocabulary.Terms.Count);
        scratch.Reset();
        var budget = options.MaxInputCharacters;
        Analyze(scratch, Title, Prepare(input.Title, ref budget));
        Analyze(scratch, Summary, Prepare(input.Summary, ref budget));
        Analyze(scratch, Body, Prepare(input.Body, ref budget));

        var language = vocabulary.Detector.Decide(scratch.LanguageCounts, input.DeclaredLanguage);
        var result = Score(scratch, language);
        var languageIndex = vocabulary.LanguageIndex(language);
        if (features is not null && languageIndex >= 0)
        {
            var sink = new NamedFeatures(features);
            LearnedFeatures.Visit(CollectionsMarshal.AsSpan(scratch.Words), scratch.TitleEnd, scratch.SummaryEnd, languageIndex, ref sink);
        }

        return result;
    }

    /// <summary>The learned model's probability of each pillar for a text (catalogue order), or null without a model or for another language than English and French.</summary>
    internal double[]? LearnedProbabilities(ClassificationInput input)
    {
        var result = Classify(input, null);
        var languageIndex = vocabulary.LanguageIndex(result.Language);
        if (vocabulary.Learned is not { } model || languageIndex < 0)
        {
            return null;
        }

        var scratch = ThreadScratch!;
        var probabilities = new double[PillarCatalog.All.Count];
        model.Predict(CollectionsMarshal.AsSpan(scratch.Words), scratch.TitleEnd, scratch.SummaryEnd, languageIndex, scratch.Learned, probabilities);
        return probabilities;
    }

    /// <summary>Truncates to what is left of the character budget, then drops markup if there is any.</summary>
    private static ReadOnlySpan<char> Prepare(string? field, ref int budget)
    {
        var text = field.AsSpan();
        if (text.Length > budget)
        {
            text = text[..budget];
        }

        budget -= text.Length;
        return HtmlToText.LooksLikeHtml(text) ? HtmlToText.Convert(text.ToString()) : text;
    }

    private void Analyze(ClassificationScratch scratch, int field, ReadOnlySpan<char> text)
    {
        var languages = vocabulary.Languages;
        foreach (var tokens in scratch.Tokens)
        {
            tokens.Clear();
        }

        Span<char> buffer = stackalloc char[LanguageVocabulary.MaxWordLength];
        var reader = new TokenReader(text);
        var ordinal = 0;
        while (reader.Read(out var token))
        {
            if (token.IsBoundary)
            {
                foreach (var tokens in scratch.Tokens)
                {
                    tokens.Add(LanguageVocabulary.Boundary, token, ordinal);
                }

                continue;
            }

            ordinal++;
            var length = TextFolder.Fold(text.Slice(token.Start, token.Length), buffer);
            if (length < 0)
            {
                scratch.Words.Add(WordInfo.Uncoded);
                foreach (var tokens in scratch.Tokens)
                {
                    tokens.Add(LanguageVocabulary.Unknown, token, ordinal);
                }

                continue;
            }

            var word = vocabulary.Describe(buffer[..length]);
            scratch.Words.Add(word);
            if (word.LanguageSlot >= 0)
            {
                scratch.LanguageCounts[word.LanguageSlot]++;
            }

            for (var l = 0; l < languages.Count; l++)
            {
                var code = word.Codes[l];
                if (code != LanguageVocabulary.Stop)
                {
                    scratch.Tokens[l].Add(code, token, ordinal);
                }
            }
        }

        if (field == Body)
        {
            scratch.BodyWords = ordinal;
        }
        else if (field == Title)
        {
            scratch.TitleEnd = scratch.Words.Count;
        }
        else
        {
            scratch.SummaryEnd = scratch.Words.Count;
        }

        var first = scratch.Matches.Count;
        for (var l = 0; l < languages.Count; l++)
        {
            FindTerms(languages[l].Trie, scratch.Tokens[l], field, scratch.Matches);
        }

        RemoveOverlaps(scratch.Matches, first);
    }

    /// <summary>Leftmost-longest, non-overlapping matches of one language.</summary>
    private static void FindTerms(PhraseTrie trie, CodedTokens tokens, int field, List<TermMatch> matches)
    {
        var codes = tokens.Codes;
        var i = 0;
        while (i < codes.Length)
        {
            VocabularyTerm? term = null;
            var length = codes[i] >= 0 ? trie.LongestMatch(codes[i..], out term) : 0;
            if (term is null)
            {
                i++;
                continue;
            }

            var start = tokens.Start(i);
            var last = i + length - 1;
            matches.Add(new TermMatch(term, field, start, tokens.End(last) - start, tokens.Ordinal(i), tokens.Ordinal(last)));
            i += length;
        }
    }

    /// <summary>Where the two languages' matches overlap (shared words, "UNESCO"), the heavier, then longer, stays.</summary>
    private static void RemoveOverlaps(List<TermMatch> matches, int first)
    {
        matches.Sort(first, matches.Count - first, MatchOrder.Instance);
        var kept = first;
        for (var i = first; i < matches.Count; i++)
        {
            var match = matches[i];
            if (kept > first && match.Start < matches[kept - 1].End)
            {
                var previous = matches[kept - 1];
                if (match.Term.Weight > previous.Term.Weight || (match.Term.Weight == previous.Term.Weight && match.Length > previous.Length))
                {
                    matches[kept - 1] = match;
                }

                continue;
            }

            matches[kept++] = match;
        }

        matches.RemoveRange(kept, matches.Count - kept);
    }

    private ClassificationResult Score(ClassificationScratch scratch, string language)
    {
        var pillars = PillarCatalog.All;
        Span<double> headingScores = stackalloc double[pillars.Count];
        Span<double> bodyScores = stackalloc double[pillars.Count];
        var lengthFactor = Math.Sqrt(Math.Max(1.0, (double)scratch.BodyWords / options.ReferenceLengthWords));
        var evidence = new List<ClassificationEvidence>(scratch.Matches.Count);
        var headingAnchors = 0;
        var bodyAnchors = 0;
        var aboutConflict = false;
        var conflictMentions = 0;
        foreach (var match in scratch.Matches)
        {
            aboutConflict |= match.Term.SetsConflictContext;
            if (match.Term.Pillar == VocabularyTerm.ConflictContext)
            {
                conflictMentions++;
            }
        }

        // In a text plainly about armed conflict, fewer pillar terms settle its main pillar; a second pillar still needs the full threshold.
        var mainThreshold = conflictMentions >= options.ConflictMinMentions ? options.Threshold * options.ConflictThresholdFactor : options.Threshold;

        foreach (var match in scratch.Matches)
        {
            var isBody = match.Field == Body;
            var pillar = match.Term.Pillar;
            if (pillar == VocabularyTerm.HumanSecurityAnchor)
            {
                _ = isBody ? bodyAnchors++ : headingAnchors++;
                continue;
            }

            // Weak terms ("cultural heritage", "sexual violence") say nothing of a pillar in a text about peacetime.
            if (pillar < 0 || (match.Term.Weak && !aboutConflict))
            {
                continue;
            }

            var repeats = scratch.TermRepeats[(match.Term.Id * 2) + (isBody ? 1 : 0)]++;
            var weight = match.Term.Weight * fieldWeights[match.Field] * Math.Pow(options.RepeatDecay, repeats);
            if (isBody)
            {
                weight /= lengthFactor;
            }

            // A term of two pillars ("sold as sex slaves") counts for each.
            for (var p = pillar; p >= 0; p = p == match.Term.AlsoPillar ? -1 : match.Term.AlsoPillar)
            {
                (isBody ? bodyScores : headingScores)[p] += weight;
                evidence.Add(new ClassificationEvidence(pillars[p].Id, match.Term.Phrase, FieldNames[match.Field], match.Start, match.Length, Math.Round(weight, 3)));
            }
        }

        // An overview of human security is labelled with every pillar it enumerates, each named once.
        var overview = headingAnchors > 0 || bodyAnchors >= 2 ? FindEnumerations(scratch.Matches, evidence) : 0;

        Span<double> scores = stackalloc double[pillars.Count];
        var best = 0.0;
        for (var p = 0; p < pillars.Count; p++)
        {
            scores[p] = headingScores[p] + bodyScores[p] + (IsSet(overview, p) ? options.Threshold : 0);
            best = Math.Max(best, scores[p]);
        }

        var taggedBits = 0;
        var candidates = 0;
        var scoreMap = new Dictionary<string, double>(pillars.Count, StringComparer.Ordinal);
        for (var p = 0; p < pillars.Count; p++)
        {
            scoreMap[pillars[p].Id] = Math.Round(scores[p], 3);
            var corroborated = IsSet(overview, p) || bodyScores[p] > 0 || scratch.BodyWords < options.CorroborationMinBodyWords;
            var threshold = scores[p] >= best ? mainThreshold : options.Threshold;
            if (scores[p] >= threshold && scores[p] >= options.RelativeFloor * best && corroborated)
            {
                taggedBits |= 1 << p;
            }
            else if (scores[p] > 0)
            {
                candidates |= 1 << p;
            }
        }

        // An overview's pillars are the ones it enumerates, and a pillar term alone does not make a text about war:
        // the gate needs the text to speak of armed conflict in its own words.
        if (overview != 0 || conflictMentions == 0)
        {
            candidates = 0;
        }

        var learnedBits = candidates != 0 ? LearnedGate(scratch, language, candidates) : 0;
        var tagged = new List<string>(BitOperations.PopCount((uint)(taggedBits | learnedBits)));
        List<string>? learned = learnedBits != 0 ? [] : null;
        for (var p = 0; p < pillars.Count; p++)
        {
            if (IsSet(taggedBits | learnedBits, p))
            {
                tagged.Add(pillars[p].Id);
            }

            if (IsSet(learnedBits, p))
            {
                learned!.Add(pillars[p].Id);
            }
        }

        return new ClassificationResult(language, tagged, scoreMap, evidence, mainThreshold) { LearnedPillars = learned ?? [], LearnedCandidates = candidates };
    }

    /// <summary>
    /// Of the <paramref name="candidates"/> (untagged pillars with a score above 0, see <see cref="ClassificationResult.LearnedCandidates"/>), those the learned
    /// model gives at least its threshold, as a bit set.
    /// </summary>
    private int LearnedGate(ClassificationScratch scratch, string language, int candidates)
    {
        var model = vocabulary.Learned;
        var languageIndex = vocabulary.LanguageIndex(language);
        if (!options.LearnedGate || model is null || languageIndex < 0)
        {
            return 0;
        }

        Span<double> probabilities = stackalloc double[PillarCatalog.All.Count];
        model.Predict(CollectionsMarshal.AsSpan(scratch.Words), scratch.TitleEnd, scratch.SummaryEnd, languageIndex, scratch.Learned, probabilities);
        var added = 0;
        for (var p = 0; p < probabilities.Length; p++)
        {
            if (IsSet(candidates, p) && probabilities[p] >= model.Threshold)
            {
                added |= 1 << p;
            }
        }

        return added;
    }

    /// <summary>
    /// Enumerations: chains of strong terms in one field, each within
    /// <see cref="ClassifierOptions.OverviewMaxGapWords"/> words of the previous, naming enough
    /// distinct pillars. Returns those pillars as a bit set and adds the evidence.
    /// </summary>
    private int FindEnumerations(List<TermMatch> matches, List<ClassificationEvidence> evidence)
    {
        var found = 0;
        var first = -1;
        var last = -1;
        var chain = 0;
        for (var i = 0; i <= matches.Count; i++)
        {
            if (i < matches.Count && !IsEnumerable(matches[i]))
            {
                continue;
            }

            var continues = i < matches.Count && last >= 0
                && matches[i].Field == matches[last].Field
                && matches[i].FirstWord - matches[last].LastWord <= options.OverviewMaxGapWords;
            if (!continues)
            {
                if (BitOperations.PopCount((uint)chain) >= options.OverviewMinPillars)
                {
                    AddOverviewEvidence(matches[first], matches[last], chain & ~found, evidence);
                    found |= chain;
                }

                first = i;
                chain = 0;
            }

            if (i < matches.Count)
            {
                chain |= 1 << matches[i].Term.Pillar;
                last = i;
            }
        }

        return found;
    }

    private void AddOverviewEvidence(TermMatch first, TermMatch last, int pillars, List<ClassificationEvidence> evidence)
    {
        for (var p = 0; p < PillarCatalog.All.Count; p++)
        {
            if (IsSet(pillars, p))
            {
                evidence.Add(new ClassificationEvidence(PillarCatalog.All[p].Id, OverviewTerm, FieldNames[first.Field], first.Start, last.End - first.Start, options.Threshold));
            }
        }
    }

    private bool IsEnumerable(TermMatch match) => match.Term.Pillar >= 0 && match.Term.Weight >= options.OverviewTermMinWeight;

    private static bool IsSet(int bits, int index) => (bits & (1 << index)) != 0;

    /// <summary>Training: feature counts by name.</summary>
    private readonly struct NamedFeatures(Dictionary<string, double> counts) : LearnedFeatures.ISink
    {
        public void Unigram(in WordInfo word, int language, int count) => Add(word.Stems[language]!, count);

        public void Bigram(in WordInfo first, in WordInfo second, int language, int count) =>
            Add(LearnedFeatures.BigramName(first.Stems[language]!, second.Stems[language]!), count);

        private void Add(string name, int count) => counts[name] = counts.GetValueOrDefault(name) + count;
    }

    private sealed class MatchOrder : IComparer<TermMatch>
    {
        public static readonly MatchOrder Instance = new();

        public int Compare(TermMatch x, TermMatch y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Length.CompareTo(x.Length);
    }
}
