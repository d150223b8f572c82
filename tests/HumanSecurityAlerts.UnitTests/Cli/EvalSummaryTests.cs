using HumanSecurityAlerts.Cli;

namespace HumanSecurityAlerts.UnitTests.Cli;

/// <summary>The eval summary is what the classification targets are read from: its split and its sums must be right.</summary>
public sealed class EvalSummaryTests
{
    [Fact]
    public void Named_and_unnamed_texts_are_scored_apart_and_hard_negatives_are_listed_when_tagged()
    {
        List<EvalCommand.EvalItem> items =
        [
            Item("en-1", "en", ["PoC"], ["PoC"], namesPillar: true),
            Item("en-2", "en", ["WPS"], ["NONE"], namesPillar: false),
            Item("en-3", "en", ["NONE"], ["NONE"], namesPillar: false),
            Item("fr-1", "fr", ["CPP", "PoC"], ["CPP"], namesPillar: false),
            Item("fr-2", "fr", ["NONE"], ["CPP"], namesPillar: false),
        ];

        var rows = EvalCommand.Summarize(items);

        Assert.Equal(["en", "fr", "all"], rows.Select(r => r.Language));
        var en = rows[0];
        Assert.Equal((1, 1.0, 1, 0.0), (en.Named, en.NamedF1, en.Unnamed, en.UnnamedF1));
        Assert.Equal(1.0, en.Precision);
        Assert.Equal((0.0, 1), (en.HardNegativesTagged, en.HardNegatives));

        var fr = rows[1];
        Assert.Equal(0, fr.Named);
        Assert.True(double.IsNaN(fr.NamedF1));
        // CPP found (F1 1), PoC missed (F1 0): macro-F1 0.5; the CPP on the hard negative costs precision, not recall.
        Assert.Equal((1, 0.5), (fr.Unnamed, fr.UnnamedF1));
        Assert.Equal(0.5, fr.Precision);
        Assert.Equal((1.0, 1), (fr.HardNegativesTagged, fr.HardNegatives));
        Assert.Equal("  hard negative tagged: fr-2  predicted [CPP]", Assert.Single(fr.TaggedNegatives));

        var all = rows[2];
        Assert.Equal((1, 2, 2), (all.Named, all.Unnamed, all.HardNegatives));
        Assert.Equal(2.0 / 3, all.Precision, 6);
    }

    [Fact]
    public void Repeats_are_averaged_field_by_field_and_a_fractional_count_keeps_one_decimal()
    {
        var first = EvalCommand.Summarize([Item("fr-1", "fr", ["NONE"], ["WPS"], namesPillar: false), Item("fr-2", "fr", ["THB"], ["THB"], namesPillar: false)]);
        var second = EvalCommand.Summarize([Item("fr-1", "fr", ["NONE"], ["NONE"], namesPillar: false), Item("fr-2", "fr", ["THB"], ["NONE"], namesPillar: false)]);

        var mean = EvalCommand.Mean([first, second]);

        Assert.Equal(0.5, mean[0].UnnamedF1);
        Assert.Equal(0.5, mean[0].HardNegativesTagged);
        Assert.Empty(mean[0].TaggedNegatives);
        Assert.EndsWith("0.5/1", EvalCommand.FormatRow(mean[0]), StringComparison.Ordinal);
        Assert.EndsWith(" 1/1", EvalCommand.FormatRow(first[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x","text":"t"}""", "\"labels\" is missing or empty")]
    [InlineData("""{"id":"x","text":"t","labels":[]}""", "\"labels\" is missing or empty")]
    [InlineData("""{"id":"x","text":"t","labels":["PoC","EWIPA"]}""", "unknown label \"EWIPA\"")]
    [InlineData("""not json""", "not a JSON object")]
    public void A_bad_line_is_refused_with_the_reason(string line, string reason)
    {
        var error = EvalCommand.TryParse(line, out _);

        Assert.NotNull(error);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_labelled_line_is_read_with_its_codes_in_any_case()
    {
        Assert.Null(EvalCommand.TryParse("""{"id":"x","text":"t","labels":["poc","Crsv"],"namesPillar":false,"batch":"round-9-heldout"}""", out var item));

        Assert.Equal(["poc", "Crsv"], item!.Labels);
        Assert.Equal("round-9-heldout", item.Batch);
        Assert.Equal(["PoC", "CRSV"], EvalCommand.ToLabelSet(item.Labels!.Select(LabelCodes.ToPillarId).OfType<string>()));
    }

    [Fact]
    public void No_pillar_is_the_label_NONE()
    {
        Assert.Equal(["NONE"], EvalCommand.ToLabelSet([]));
    }

    private static EvalCommand.EvalItem Item(string id, string language, string[] expected, string[] predicted, bool namesPillar) =>
        new(id, language, language, [.. expected], [.. predicted], namesPillar);
}
