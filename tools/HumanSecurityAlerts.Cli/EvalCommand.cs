using System.Globalization;
using System.Text.Json;

using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.Cli;

/// <summary>
/// Scores the classifier on a labelled file, per language and overall. "NONE" is a label of its own
/// (predicted when no pillar is), so texts that must stay silent count in macro-F1 and accuracy.
/// A summary per language then splits the texts the way the acceptance targets do: texts that name
/// their pillar, texts that never do (both scored on pillar labels only, macro-F1), and hard
/// negatives (labelled NONE), with the pillar precision over all texts.
/// </summary>
internal static class EvalCommand
{
    public static async Task<int> RunAsync(IPillarClassifier classifier, TextReader input, TextWriter output, TextWriter errors)
    {
        var items = new List<EvalItem>();
        var lineNumber = 0;
        while (await input.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var error = TryParse(line, out var parsed);
            if (error is not null)
            {
                await errors.WriteLineAsync($"line {lineNumber}: {error}");
                return CliApplication.Failed;
            }

            var result = classifier.Classify(new ClassificationInput(parsed!.Title, parsed.Summary, parsed.Text, parsed.Lang));
            items.Add(new EvalItem(
                parsed.Id ?? $"line {lineNumber}",
                parsed.Lang ?? "?",
                result.Language,
                ToLabelSet(parsed.Labels!.Select(LabelCodes.ToPillarId).OfType<string>()),
                ToLabelSet(result.Pillars),
                parsed.NamesPillar));
        }

        if (items.Count == 0)
        {
            await errors.WriteLineAsync("No items to evaluate.");
            return CliApplication.Failed;
        }

        foreach (var group in items.GroupBy(i => i.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await WriteReportAsync(output, $"Language {group.Key}", [.. group]);
        }

        await WriteReportAsync(output, "All languages", items);
        await WriteSummaryAsync(output, items);
        return CliApplication.Ok;
    }

    internal static string? TryParse(string line, out InputLine? item)
    {
        item = null;
        try
        {
            item = JsonSerializer.Deserialize<InputLine>(line, CliJson.Options);
        }
        catch (JsonException e)
        {
            return $"not a JSON object: {e.Message}";
        }

        if (item?.Labels is not { Count: > 0 })
        {
            return "\"labels\" is missing or empty (use [\"NONE\"] for no pillar)";
        }

        var unknown = item.Labels.FirstOrDefault(l => !LabelCodes.All.Contains(l, StringComparer.OrdinalIgnoreCase));
        return unknown is null ? null : $"unknown label \"{unknown}\" (expected {string.Join(", ", LabelCodes.All)})";
    }

    internal static HashSet<string> ToLabelSet(IEnumerable<string> pillarIds)
    {
        var codes = pillarIds.Select(LabelCodes.ToCode).ToHashSet(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            codes.Add(LabelCodes.None);
        }

        return codes;
    }

    private static async Task WriteReportAsync(TextWriter output, string heading, List<EvalItem> items)
    {
        await output.WriteLineAsync($"== {heading} ({items.Count} items)");
        await output.WriteLineAsync($"{"label",-6} {"support",7} {"tp",4} {"fp",4} {"fn",4} {"precision",9} {"recall",7} {"f1",6}");

        var f1s = new List<double>();
        int pillarTp = 0, pillarFp = 0, pillarFn = 0;
        foreach (var label in LabelCodes.All)
        {
            var tp = items.Count(i => i.Expected.Contains(label) && i.Predicted.Contains(label));
            var fp = items.Count(i => !i.Expected.Contains(label) && i.Predicted.Contains(label));
            var fn = items.Count(i => i.Expected.Contains(label) && !i.Predicted.Contains(label));
            if (tp + fp + fn == 0)
            {
                continue;
            }

            var (precision, recall, f1) = Metrics(tp, fp, fn);
            f1s.Add(f1);
            if (label != LabelCodes.None)
            {
                pillarTp += tp;
                pillarFp += fp;
                pillarFn += fn;
            }

            await output.WriteLineAsync(Invariant($"{label,-6} {tp + fn,7} {tp,4} {fp,4} {fn,4} {precision,9:0.000} {recall,7:0.000} {f1,6:0.000}"));
        }

        var (microP, microR, microF1) = Metrics(pillarTp, pillarFp, pillarFn);
        var exact = items.Count(i => i.Expected.SetEquals(i.Predicted));
        var languageRight = items.Count(i => i.Language == i.DetectedLanguage);
        await output.WriteLineAsync(Invariant($"pillars (micro): precision {microP:0.000}  recall {microR:0.000}  f1 {microF1:0.000}"));
        await output.WriteLineAsync(Invariant($"macro-F1 (labels with support or predictions, NONE included): {f1s.Average():0.000}"));
        await output.WriteLineAsync(Invariant($"exact label set: {exact}/{items.Count} = {(double)exact / items.Count:0.000}"));
        await output.WriteLineAsync(Invariant($"language detected: {languageRight}/{items.Count}"));
        foreach (var item in items.Where(i => !i.Expected.SetEquals(i.Predicted)))
        {
            await output.WriteLineAsync($"  wrong: {item.Id}  expected [{string.Join(", ", item.Expected)}]  predicted [{string.Join(", ", item.Predicted)}]");
        }

        await output.WriteLineAsync();
    }

    private static Task WriteSummaryAsync(TextWriter output, List<EvalItem> items) =>
        WriteSummaryAsync(output, "== Summary (macro-F1 of the named and unnamed texts over pillar labels only)", Summarize(items));

    /// <summary>The summary's rows: one per language, then "all".</summary>
    internal static List<SummaryRow> Summarize(IReadOnlyList<EvalItem> items)
    {
        var rows = new List<SummaryRow>();
        foreach (var group in items.GroupBy(i => i.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Append(items.GroupBy(_ => "all").Single()))
        {
            var positives = group.Where(i => !i.Expected.Contains(LabelCodes.None)).ToList();
            var named = positives.Where(i => i.NamesPillar == true).ToList();
            var unnamed = positives.Where(i => i.NamesPillar == false).ToList();
            var negatives = group.Where(i => i.Expected.Contains(LabelCodes.None)).ToList();
            var tagged = negatives.Where(i => !i.Predicted.Contains(LabelCodes.None)).ToList();
            var tp = group.Sum(i => i.Predicted.Count(p => p != LabelCodes.None && i.Expected.Contains(p)));
            var fp = group.Sum(i => i.Predicted.Count(p => p != LabelCodes.None && !i.Expected.Contains(p)));
            rows.Add(new SummaryRow(
                group.Key, named.Count, PillarMacroF1(named), unnamed.Count, PillarMacroF1(unnamed), Metrics(tp, fp, 0).Precision, tagged.Count, negatives.Count,
                [.. tagged.Select(i => $"  hard negative tagged: {i.Id}  predicted [{string.Join(", ", i.Predicted)}]")]));
        }

        return rows;
    }

    /// <summary>Rows averaged field by field (cross-validation repeats); the tagged texts are not listed.</summary>
    internal static List<SummaryRow> Mean(IReadOnlyList<List<SummaryRow>> repeats) =>
        [.. repeats[0].Select((row, r) => row with
        {
            NamedF1 = repeats.Average(x => x[r].NamedF1),
            UnnamedF1 = repeats.Average(x => x[r].UnnamedF1),
            Precision = repeats.Average(x => x[r].Precision),
            HardNegativesTagged = repeats.Average(x => x[r].HardNegativesTagged),
            TaggedNegatives = [],
        })];

    internal static async Task WriteSummaryAsync(TextWriter output, string heading, IReadOnlyList<SummaryRow> rows)
    {
        await output.WriteLineAsync(heading);
        await output.WriteLineAsync($"{"language",-8} {"named",5} {"f1",6} {"unnamed",7} {"f1",6} {"precision",9} {"hard negatives tagged",21}");
        foreach (var row in rows)
        {
            await output.WriteLineAsync(FormatRow(row));
            foreach (var line in row.TaggedNegatives)
            {
                await output.WriteLineAsync(line);
            }
        }
    }

    internal static string FormatRow(SummaryRow row)
    {
        var tagged = row.HardNegativesTagged == Math.Floor(row.HardNegativesTagged) ? Invariant($"{row.HardNegativesTagged:0}") : Invariant($"{row.HardNegativesTagged:0.0}");
        return Invariant($"{row.Language,-8} {row.Named,5} {row.NamedF1,6:0.000} {row.Unnamed,7} {row.UnnamedF1,6:0.000} {row.Precision,9:0.000} {$"{tagged}/{row.HardNegatives}",21}");
    }

    /// <summary>Macro-F1 over the pillar labels that have support or predictions in these texts; NaN when there are none.</summary>
    private static double PillarMacroF1(IReadOnlyList<EvalItem> items)
    {
        var f1s = new List<double>();
        foreach (var (label, _) in LabelCodes.Pillars)
        {
            var tp = items.Count(i => i.Expected.Contains(label) && i.Predicted.Contains(label));
            var fp = items.Count(i => !i.Expected.Contains(label) && i.Predicted.Contains(label));
            var fn = items.Count(i => i.Expected.Contains(label) && !i.Predicted.Contains(label));
            if (tp + fp + fn > 0)
            {
                f1s.Add(Metrics(tp, fp, fn).F1);
            }
        }

        return f1s.Count == 0 ? double.NaN : f1s.Average();
    }

    /// <summary>Precision is 1 when nothing was predicted, recall 1 when nothing was expected: no error was made.</summary>
    private static (double Precision, double Recall, double F1) Metrics(int tp, int fp, int fn)
    {
        var precision = tp + fp == 0 ? 1 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 1 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal sealed record EvalItem(string Id, string Language, string DetectedLanguage, HashSet<string> Expected, HashSet<string> Predicted, bool? NamesPillar);

    /// <param name="HardNegativesTagged">A count, or a mean count over cross-validation repeats.</param>
    internal sealed record SummaryRow(
        string Language, int Named, double NamedF1, int Unnamed, double UnnamedF1, double Precision, double HardNegativesTagged, int HardNegatives, IReadOnlyList<string> TaggedNegatives);
}
