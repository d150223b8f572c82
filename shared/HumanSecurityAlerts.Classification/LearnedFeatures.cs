namespace HumanSecurityAlerts.Classification;

/// <summary>
/// The features of the learned gate, for training (<c>HumanSecurityAlerts.Cli train</c>) and inference
/// (<see cref="LearnedPillarModel"/>) alike: the words the classifier itself read (folded, stop words
/// dropped, Snowball-stemmed in the text's detected language, see <see cref="WordInfo.Stems"/>), as
/// unigrams and bigrams of consecutive kept words within one field, the title counting
/// <see cref="TitleRepeats"/> times; tf-idf with sublinear tf and smooth idf, rows L2-normalised.
/// </summary>
internal static class LearnedFeatures
{
    /// <summary>The title's words count this many times, as if the title were written three times before the text.</summary>
    public const int TitleRepeats = 3;

    /// <summary>Longest n-gram.</summary>
    public const int MaxNGram = 2;

    /// <summary>An n-gram is a feature only if at least this many training texts have it.</summary>
    public const int MinDocumentFrequency = 2;

    /// <summary>Receives a text's n-grams with their counts.</summary>
    public interface ISink
    {
        void Unigram(in WordInfo word, int language, int count);

        void Bigram(in WordInfo first, in WordInfo second, int language, int count);
    }

    /// <summary>
    /// Visits the n-grams of the words of one text (stop words included; they are skipped here).
    /// <paramref name="titleEnd"/> and <paramref name="summaryEnd"/> are where the title's and the summary's words end.
    /// </summary>
    public static void Visit<TSink>(ReadOnlySpan<WordInfo> words, int titleEnd, int summaryEnd, int language, ref TSink sink)
        where TSink : struct, ISink
    {
        var previous = -1;
        var field = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var wordField = i < titleEnd ? 0 : i < summaryEnd ? 1 : 2;
            if (wordField != field)
            {
                field = wordField;
                previous = -1;
            }

            if (words[i].Stems[language] is null)
            {
                continue;
            }

            var count = field == 0 ? TitleRepeats : 1;
            sink.Unigram(words[i], language, count);
            if (previous >= 0)
            {
                sink.Bigram(words[previous], words[i], language, count);
            }

            previous = i;
        }
    }

    /// <summary>The name of a bigram feature.</summary>
    public static string BigramName(string first, string second) => $"{first} {second}";

    /// <summary>Smooth idf: ln((1 + texts) / (1 + texts with the feature)) + 1.</summary>
    public static double Idf(int texts, int documentFrequency) => Math.Log((1.0 + texts) / (1.0 + documentFrequency)) + 1;

    /// <summary>Turns counts into tf-idf weights in place: (1 + ln count) × idf, then the row scaled to unit length.</summary>
    public static void Weigh(ReadOnlySpan<int> features, Span<double> values, ReadOnlySpan<double> idf)
    {
        var norm = 0.0;
        for (var i = 0; i < features.Length; i++)
        {
            var value = (1 + Math.Log(values[i])) * idf[features[i]];
            values[i] = value;
            norm += value * value;
        }

        if (norm > 0)
        {
            var scale = 1 / Math.Sqrt(norm);
            for (var i = 0; i < values.Length; i++)
            {
                values[i] *= scale;
            }
        }
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
