using System.Globalization;
using System.Text.Json;

using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Cli;

/// <summary>
/// Trains the learned gate (<see cref="ClassifierOptions.LearnedGate"/>) on a labelled file and writes
/// its model: one-vs-rest logistic regression per pillar (C = 10, L2, balanced classes) over
/// <see cref="LearnedFeatures"/>. The probability threshold is chosen by cross-validation: in each of
/// <see cref="Repeats"/> repeats of stratified <see cref="Folds"/>-fold, the lowest threshold at which
/// the out-of-fold combined output (the vocabulary's pillars, plus a pillar with a vocabulary score
/// above 0 that <see cref="ClassificationResult.LearnedCandidates"/> allows, and a probability at least the threshold) has pillar precision ≥ <see cref="TargetPrecision"/>
/// and the gate tags no hard negative (see <see cref="ChooseThreshold"/>); the model's threshold is the median. The report adds nested figures, in which
/// each outer fold's threshold is chosen the same way on its training part only, and, when the texts carry a
/// collection batch, leave-one-batch-out figures: each batch measured by a model and threshold chosen on the
/// others, the closest dev figure to a fresh held-out batch. Deterministic: fixed seeds.
/// </summary>
internal static class TrainCommand
{
    public const int Repeats = 5;
    public const int Folds = 5;
    // The issue asks precision >= 0.95 on fresh texts, and fresh batches have come out 1-9 points below dev: a margin.
    public const double TargetPrecision = 0.97;
    public const double C = 10;
    private const int Seed = 17;

    public static async Task<int> RunAsync(TextReader input, string modelPath, string trainingFile, TextWriter output, TextWriter errors)
    {
        var rules = new PillarClassifier(new ClassifierOptions { LearnedGate = false });
        var texts = new List<TrainingText>();
        var lineNumber = 0;
        while (await input.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var error = EvalCommand.TryParse(line, out var parsed);
            if (error is not null)
            {
                await errors.WriteLineAsync($"line {lineNumber}: {error}");
                return CliApplication.Failed;
            }

            var counts = new Dictionary<string, double>(StringComparer.Ordinal);
            var result = rules.Classify(new ClassificationInput(parsed!.Title, parsed.Summary, parsed.Text, parsed.Lang), counts);
            texts.Add(new TrainingText(
                parsed.Id ?? $"line {lineNumber}",
                parsed.Lang ?? "?",
                result.Language,
                EvalCommand.ToLabelSet(parsed.Labels!.Select(LabelCodes.ToPillarId).OfType<string>()),
                parsed.NamesPillar,
                parsed.Batch,
                result.LearnedCandidates,
                [.. PillarCatalog.All.Select(p => result.Pillars.Contains(p.Id))],
                counts));
        }

        if (texts.Count < Folds * 2)
        {
            await errors.WriteLineAsync($"Too few texts to train on: {texts.Count}.");
            return CliApplication.Failed;
        }

        var report = new List<string>();
        await WriteAsync(output, report, Invariant($"Training texts: {texts.Count}. Cross-validation: {Repeats} repeats of stratified {Folds}-fold (seeds {Seed}..{Seed + Repeats - 1}), target pillar precision {TargetPrecision:0.00}, no hard negative tagged by the gate."));
        var all = Enumerable.Range(0, texts.Count).ToList();
        var repeatThresholds = new List<double>();
        var outOfFold = new List<double[][]>();
        for (var r = 0; r < Repeats; r++)
        {
            var probabilities = CrossValidate(texts, all, Seed + r);
            var threshold = ChooseThreshold(texts, all, probabilities);
            repeatThresholds.Add(threshold);
            outOfFold.Add(probabilities);
            await WriteAsync(output, report, Invariant($"repeat {r + 1}: threshold {threshold:0.00}"));
        }

        var chosen = Median(repeatThresholds);
        await WriteAsync(output, report, Invariant($"threshold (median): {chosen:0.00}"));

        // The threshold above was chosen on the same out-of-fold scores it is then measured on; the nested
        // figures choose each outer fold's threshold by this whole procedure on that fold's training part only.
        var nested = new List<List<EvalCommand.SummaryRow>>();
        var nestedThresholds = new List<string>();
        for (var r = 0; r < Repeats; r++)
        {
            var (items, thresholds) = NestedCrossValidate(texts, Seed + Repeats + r);
            nested.Add(EvalCommand.Summarize(items));
            nestedThresholds.Add(string.Join(' ', thresholds.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture))));
        }

        await WriteAsync(output, report, $"nested outer-fold thresholds: {string.Join("; ", nestedThresholds)}");
        await WriteAsync(output, report, "");

        // Random folds put a text's neighbours from the same collection in its training part; a batch left out
        // whole is measured as a fresh batch would be.
        var batches = texts.Where(t => t.Batch is not null).Select(t => t.Batch!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byBatch = new List<(string Heading, List<EvalCommand.SummaryRow> Rows)>();
        if (batches.Count >= 2 && texts.All(t => t.Batch is not null))
        {
            var pooled = new List<EvalCommand.EvalItem>();
            foreach (var batch in batches)
            {
                var test = all.Where(i => texts[i].Batch == batch).ToList();
                var (items, threshold) = TrainAndMeasure(texts, [.. all.Except(test)], test, Seed + (2 * Repeats));
                pooled.AddRange(items);
                byBatch.Add((Invariant($"== Left out: {batch} ({test.Count} texts), threshold {threshold:0.00}"), EvalCommand.Summarize(items)));
            }

            byBatch.Add(("== Vocabulary + learned gate, leave one batch out, all batches pooled", EvalCommand.Summarize(pooled)));
        }

        var ruleRows = EvalCommand.Summarize(Items(texts, all, null, chosen));
        var gateRows = EvalCommand.Mean([.. outOfFold.Select(p => EvalCommand.Summarize(Items(texts, all, p, chosen)))]);
        List<(string Heading, List<EvalCommand.SummaryRow> Rows)> sections =
        [
            ("== Vocabulary alone", ruleRows),
            ($"== Vocabulary + learned gate, out-of-fold at the chosen threshold, mean of {Repeats} repeats (optimistic)", gateRows),
            ($"== Vocabulary + learned gate, nested cross-validation, mean of {Repeats} repeats", EvalCommand.Mean(nested)),
            .. byBatch,
        ];
        foreach (var (heading, rows) in sections)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            await EvalCommand.WriteSummaryAsync(writer, heading, rows);
            foreach (var line in writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
            {
                await WriteAsync(output, report, line);
            }
        }

        var model = Fit(texts, all);
        var file = new LearnedModelFile
        {
            TrainedAt = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            TrainingFile = trainingFile,
            TrainingTexts = texts.Count,
            TitleRepeats = LearnedFeatures.TitleRepeats,
            MaxNGram = LearnedFeatures.MaxNGram,
            MinDocumentFrequency = LearnedFeatures.MinDocumentFrequency,
            C = C,
            Threshold = chosen,
            RepeatThresholds = [.. repeatThresholds],
            CrossValidation = [.. report],
            Features = model.Features,
            Idf = [.. model.Idf.Select(v => Math.Round(v, 6))],
            Pillars = [.. PillarCatalog.All.Select((p, i) => new LearnedPillarWeights(p.Id, Math.Round(model.Biases[i], 6), [.. model.Weights[i].Select(w => Math.Round(w, 6))]))],
        };
        _ = new LearnedPillarModel(file);
        await File.WriteAllTextAsync(modelPath, JsonSerializer.Serialize(file, LearnedPillarModel.JsonOptions) + "\n");
        await output.WriteLineAsync($"Model written to {modelPath}: {model.Features.Length} features.");
        return CliApplication.Ok;
    }

    private static async Task WriteAsync(TextWriter output, List<string> report, string line)
    {
        report.Add(line);
        await output.WriteLineAsync(line);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Out-of-fold probabilities [text][pillar] of one repeat over <paramref name="subset"/> (null for texts outside it).</summary>
    private static double[][] CrossValidate(List<TrainingText> texts, List<int> subset, int seed)
    {
        var fold = AssignFolds(texts, subset, seed);
        var probabilities = new double[texts.Count][];
        for (var k = 0; k < Folds; k++)
        {
            var model = Fit(texts, [.. subset.Where(i => fold[i] != k)]);
            foreach (var i in subset.Where(i => fold[i] == k))
            {
                probabilities[i] = model.Predict(texts[i]);
            }
        }

        return probabilities;
    }

    /// <summary>
    /// One repeat of outer cross-validation in which each outer fold's threshold is chosen as the model's is
    /// (median over repeats of the inner out-of-fold choice), on the outer training part only.
    /// </summary>
    private static (List<EvalCommand.EvalItem> Items, double[] Thresholds) NestedCrossValidate(List<TrainingText> texts, int seed)
    {
        var all = Enumerable.Range(0, texts.Count).ToList();
        var fold = AssignFolds(texts, all, seed);
        var thresholds = new double[Folds];
        var items = new List<EvalCommand.EvalItem>[Folds];
        Parallel.For(0, Folds, k =>
        {
            (items[k], thresholds[k]) = TrainAndMeasure(texts, [.. all.Where(i => fold[i] != k)], [.. all.Where(i => fold[i] == k)], seed);
        });
        return ([.. items.SelectMany(x => x)], thresholds);
    }

    /// <summary>The model's whole procedure (threshold by repeated cross-validation, then a fit) on <paramref name="training"/>, measured on <paramref name="test"/>.</summary>
    private static (List<EvalCommand.EvalItem> Items, double Threshold) TrainAndMeasure(List<TrainingText> texts, List<int> training, List<int> test, int seed)
    {
        var inner = new double[Repeats];
        Parallel.For(0, Repeats, r => inner[r] = ChooseThreshold(texts, training, CrossValidate(texts, training, (seed * 100) + r)));
        var threshold = Median([.. inner]);
        var model = Fit(texts, training);
        var probabilities = new double[texts.Count][];
        foreach (var i in test)
        {
            probabilities[i] = model.Predict(texts[i]);
        }

        return (Items(texts, test, probabilities, threshold), threshold);
    }

    /// <summary>Stratified by labelled language, first label and whether the text has several: each stratum shuffled, then dealt round the folds.</summary>
    private static int[] AssignFolds(List<TrainingText> texts, List<int> subset, int seed)
    {
        var random = new Random(seed);
        var fold = new int[texts.Count];
        var next = 0;
        var strata = subset
            .GroupBy(i => $"{texts[i].Language}|{texts[i].Expected.Order(StringComparer.Ordinal).First()}|{texts[i].Expected.Count > 1}")
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var stratum in strata)
        {
            var members = stratum.ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                fold[i] = next++ % Folds;
            }
        }

        return fold;
    }

    private static Model Fit(List<TrainingText> texts, List<int> training)
    {
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in training)
        {
            foreach (var name in texts[i].Counts.Keys)
            {
                documentFrequency[name] = documentFrequency.GetValueOrDefault(name) + 1;
            }
        }

        var features = documentFrequency.Where(kv => kv.Value >= LearnedFeatures.MinDocumentFrequency).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        var index = features.Select((name, f) => (name, f)).ToDictionary(x => x.name, x => x.f, StringComparer.Ordinal);
        var idf = features.Select(name => LearnedFeatures.Idf(training.Count, documentFrequency[name])).ToArray();
        var model = new Model(features, index, idf, new double[PillarCatalog.All.Count][], new double[PillarCatalog.All.Count]);
        var rows = training.Select(i => model.Vectorize(texts[i])).ToList();
        for (var p = 0; p < PillarCatalog.All.Count; p++)
        {
            var code = LabelCodes.ToCode(PillarCatalog.All[p].Id);
            (model.Weights[p], model.Biases[p]) = LogisticRegression.Fit(rows, [.. training.Select(i => texts[i].Expected.Contains(code))], features.Length, C);
        }

        return model;
    }

    /// <summary>
    /// The lowest threshold (0.01 steps) at which the combined output meets the target: pillar precision at
    /// least <see cref="TargetPrecision"/> and no hard negative given a pillar by the gate (one the vocabulary tags
    /// is the vocabulary's to fix). 1 if none does.
    /// </summary>
    private static double ChooseThreshold(List<TrainingText> texts, List<int> subset, double[][] probabilities)
    {
        var rules = Items(texts, subset, null, 1);
        for (var step = 1; step <= 100; step++)
        {
            var threshold = step / 100.0;
            var items = Items(texts, subset, probabilities, threshold);
            var hardNegatives = items.Where((i, n) => i.Expected.Contains(LabelCodes.None) && !i.Predicted.SetEquals(rules[n].Predicted)).Count();
            if (hardNegatives == 0 && Precision(items) >= TargetPrecision)
            {
                return threshold;
            }
        }

        return 1;
    }

    private static double Precision(List<EvalCommand.EvalItem> items)
    {
        var tp = items.Sum(i => i.Predicted.Count(p => p != LabelCodes.None && i.Expected.Contains(p)));
        var fp = items.Sum(i => i.Predicted.Count(p => p != LabelCodes.None && !i.Expected.Contains(p)));
        return tp + fp == 0 ? 1 : (double)tp / (tp + fp);
    }

    /// <summary>The combined output on <paramref name="subset"/> as evaluation items; without probabilities, the vocabulary alone.</summary>
    private static List<EvalCommand.EvalItem> Items(List<TrainingText> texts, List<int> subset, double[][]? probabilities, double threshold) =>
        [.. subset.Select(i => texts[i]).Select((t, n) => new EvalCommand.EvalItem(
            t.Id,
            t.Language,
            t.DetectedLanguage,
            t.Expected,
            EvalCommand.ToLabelSet(PillarCatalog.All
                .Where((_, p) => t.RuleTagged[p] || (probabilities is not null && (t.Candidates & (1 << p)) != 0 && probabilities[subset[n]][p] >= threshold))
                .Select(p => p.Id)),
            t.NamesPillar))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <param name="Counts">The text's feature counts by name (<see cref="LearnedFeatures"/>).</param>
    private sealed record TrainingText(
        string Id, string Language, string DetectedLanguage, HashSet<string> Expected, bool? NamesPillar, string? Batch, int Candidates, bool[] RuleTagged, Dictionary<string, double> Counts);

    private sealed record Model(string[] Features, Dictionary<string, int> Index, double[] Idf, double[][] Weights, double[] Biases)
    {
        public SparseRow Vectorize(TrainingText text)
        {
            var known = text.Counts.Where(kv => Index.ContainsKey(kv.Key)).Select(kv => (Feature: Index[kv.Key], Count: kv.Value)).OrderBy(x => x.Feature).ToArray();
            var features = known.Select(x => x.Feature).ToArray();
            var values = known.Select(x => x.Count).ToArray();
            LearnedFeatures.Weigh(features, values, Idf);
            return new SparseRow(features, values);
        }

        public double[] Predict(TrainingText text)
        {
            var row = Vectorize(text);
            return [.. Weights.Select((w, p) => LearnedFeatures.Sigmoid(row.Dot(w, Biases[p])))];
        }
    }
}
