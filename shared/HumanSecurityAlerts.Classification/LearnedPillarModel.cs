using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// The learned gate's model: one logistic regression per pillar over <see cref="LearnedFeatures"/>,
/// trained on the development set by <c>HumanSecurityAlerts.Cli train</c> and embedded as
/// <c>Vocabulary/learned-model.json</c>. <see cref="PillarClassifier"/> asks it only about pillars the
/// vocabulary found evidence for and did not tag.
/// </summary>
internal sealed class LearnedPillarModel
{
    public const string FileName = "learned-model.json";

    private readonly FrozenDictionary<string, int> unigrams;
    private readonly Dictionary<long, int> bigrams;
    private readonly double[] idf;
    // Feature-major: the pillars' weights of one feature side by side.
    private readonly double[] weights;
    private readonly double[] biases;

    public LearnedPillarModel(LearnedModelFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var pillars = PillarCatalog.All;
        if (file.Pillars.Length != pillars.Count || file.Pillars.Select(p => p.Id).Where((id, p) => id != pillars[p].Id).Any())
        {
            throw new InvalidDataException($"{FileName}: expected one model per pillar, in catalogue order.");
        }

        if (file.Idf.Length != file.Features.Length || file.Pillars.Any(p => p.Weights.Length != file.Features.Length))
        {
            throw new InvalidDataException($"{FileName}: features, idf and weights differ in length.");
        }

        if (file.TitleRepeats != LearnedFeatures.TitleRepeats || file.MaxNGram != LearnedFeatures.MaxNGram)
        {
            throw new InvalidDataException($"{FileName}: trained with other feature settings; retrain it.");
        }

        File = file;
        var unigramIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < file.Features.Length; f++)
        {
            if (!file.Features[f].Contains(' ', StringComparison.Ordinal))
            {
                unigramIds.Add(file.Features[f], f);
            }
        }

        bigrams = [];
        for (var f = 0; f < file.Features.Length; f++)
        {
            var parts = file.Features[f].Split(' ');
            if (parts.Length == 2)
            {
                // A bigram in at least MinDocumentFrequency texts has both its words in as many.
                if (!unigramIds.TryGetValue(parts[0], out var first) || !unigramIds.TryGetValue(parts[1], out var second))
                {
                    throw new InvalidDataException($"{FileName}: bigram \"{file.Features[f]}\" without its unigrams.");
                }

                bigrams.Add(BigramKey(first, second), f);
            }
            else if (parts.Length != 1)
            {
                throw new InvalidDataException($"{FileName}: feature \"{file.Features[f]}\" is neither a unigram nor a bigram.");
            }
        }

        unigrams = unigramIds.ToFrozenDictionary(StringComparer.Ordinal);
        idf = file.Idf;
        weights = new double[file.Features.Length * pillars.Count];
        biases = new double[pillars.Count];
        for (var p = 0; p < pillars.Count; p++)
        {
            biases[p] = file.Pillars[p].Bias;
            for (var f = 0; f < file.Features.Length; f++)
            {
                weights[(f * pillars.Count) + p] = file.Pillars[p].Weights[f];
            }
        }
    }

    public LearnedModelFile File { get; }

    public int FeatureCount => idf.Length;

    /// <summary>The probability a pillar needs to be added.</summary>
    public double Threshold => File.Threshold;

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The model embedded in this assembly, or null if there is none.</summary>
    public static LearnedPillarModel? LoadEmbedded()
    {
        using var reader = PillarVocabulary.TryOpenResource(FileName);
        return reader is null ? null : new LearnedPillarModel(
            JsonSerializer.Deserialize<LearnedModelFile>(reader.ReadToEnd(), JsonOptions) ?? throw new InvalidDataException($"{FileName} is empty."));
    }

    /// <summary>The feature index of a unigram (a stem), or -1.</summary>
    public int UnigramIndex(string stem) => unigrams.TryGetValue(stem, out var f) ? f : -1;

    /// <summary>Each pillar's probability for a text's words (see <see cref="LearnedFeatures.Visit"/>), in catalogue order.</summary>
    public void Predict(ReadOnlySpan<WordInfo> words, int titleEnd, int summaryEnd, int language, LearnedScratch scratch, Span<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.Reset(FeatureCount);
        var sink = new Sink(this, scratch);
        LearnedFeatures.Visit(words, titleEnd, summaryEnd, language, ref sink);

        var features = CollectionsMarshal.AsSpan(scratch.Touched);
        var values = scratch.Values(features.Length);
        for (var i = 0; i < features.Length; i++)
        {
            values[i] = scratch.Counts[features[i]];
        }

        LearnedFeatures.Weigh(features, values, idf);
        var pillars = probabilities.Length;
        Span<double> z = stackalloc double[pillars];
        biases.AsSpan(0, pillars).CopyTo(z);
        for (var i = 0; i < features.Length; i++)
        {
            var row = weights.AsSpan(features[i] * biases.Length, pillars);
            for (var p = 0; p < pillars; p++)
            {
                z[p] += row[p] * values[i];
            }
        }

        for (var p = 0; p < pillars; p++)
        {
            probabilities[p] = LearnedFeatures.Sigmoid(z[p]);
        }
    }

    private static long BigramKey(int first, int second) => ((long)first << 32) | (uint)second;

    private readonly struct Sink(LearnedPillarModel model, LearnedScratch scratch) : LearnedFeatures.ISink
    {
        public void Unigram(in WordInfo word, int language, int count)
        {
            var f = word.Features[language];
            if (f >= 0)
            {
                scratch.Add(f, count);
            }
        }

        public void Bigram(in WordInfo first, in WordInfo second, int language, int count)
        {
            var a = first.Features[language];
            var b = second.Features[language];
            if (a >= 0 && b >= 0 && model.bigrams.TryGetValue(BigramKey(a, b), out var f))
            {
                scratch.Add(f, count);
            }
        }
    }
}

/// <summary>Per-thread counts of one text's features, reused across calls.</summary>
internal sealed class LearnedScratch
{
    private double[] values = new double[256];

    public double[] Counts { get; private set; } = [];

    public List<int> Touched { get; } = new(256);

    public void Reset(int features)
    {
        if (Counts.Length != features)
        {
            Counts = new double[features];
        }
        else
        {
            foreach (var f in Touched)
            {
                Counts[f] = 0;
            }
        }

        Touched.Clear();
    }

    public void Add(int feature, int count)
    {
        if (Counts[feature] == 0)
        {
            Touched.Add(feature);
        }

        Counts[feature] += count;
    }

    public Span<double> Values(int length)
    {
        if (values.Length < length)
        {
            values = new double[Math.Max(length, values.Length * 2)];
        }

        return values.AsSpan(0, length);
    }
}

/// <summary>The model file (<c>Vocabulary/learned-model.json</c>) as <c>HumanSecurityAlerts.Cli train</c> writes it.</summary>
internal sealed record LearnedModelFile
{
    /// <summary>When it was trained (UTC date).</summary>
    public string TrainedAt { get; init; } = "";

    /// <summary>The training file and how many texts it had.</summary>
    public string TrainingFile { get; init; } = "";

    public int TrainingTexts { get; init; }

    public int TitleRepeats { get; init; }

    public int MaxNGram { get; init; }

    public int MinDocumentFrequency { get; init; }

    /// <summary>Inverse regularisation strength of the logistic regressions (L2), classes weighted to balance.</summary>
    public double C { get; init; }

    /// <summary>The probability a pillar needs to be added (median of <see cref="RepeatThresholds"/>).</summary>
    public double Threshold { get; init; }

    /// <summary>The cross-validation's chosen threshold of each repeat.</summary>
    public double[] RepeatThresholds { get; init; } = [];

    /// <summary>How the threshold was chosen and the cross-validated figures, as <c>train</c> printed them.</summary>
    public string[] CrossValidation { get; init; } = [];

    /// <summary>Feature names: a stem, or two stems separated by a space.</summary>
    public string[] Features { get; init; } = [];

    public double[] Idf { get; init; } = [];

    public LearnedPillarWeights[] Pillars { get; init; } = [];
}

internal sealed record LearnedPillarWeights(string Id, double Bias, double[] Weights);
