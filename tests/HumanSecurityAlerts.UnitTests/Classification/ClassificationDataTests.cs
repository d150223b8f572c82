using System.Text.Json;
using System.Text.RegularExpressions;

using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.UnitTests.Classification;

/// <summary>The labelled sets of tests/ClassificationData (README there): well-formed, sourced, dated, each text in one split only.</summary>
public class ClassificationDataTests
{
    private static readonly string[] Labels = ["PoC", "CAAC", "THB", "CRSV", "CPP", "WPS", "NONE"];

    public static TheoryData<string> Splits => new() { "dev", "heldout" };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Every_line_is_a_labelled_sourced_and_dated_text(string split)
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("tests", "ClassificationData", $"{split}.jsonl"));

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var item = JsonDocument.Parse(line).RootElement;
            Assert.Matches("^(en|fr)-", item.GetProperty("id").GetString());
            Assert.Contains(item.GetProperty("lang").GetString(), new[] { "en", "fr" });
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("text").GetString()));
            Assert.StartsWith("http", item.GetProperty("source").GetString(), StringComparison.Ordinal);
            Assert.Matches(@"^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$", item.GetProperty("date").GetString());
            var labels = item.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
            Assert.NotEmpty(labels);
            Assert.All(labels, l => Assert.Contains(l, Labels));
            Assert.True(labels.Count == 1 || !labels.Contains("NONE"));
            Assert.Equal(labels.SequenceEqual(["NONE"]), item.GetProperty("hardNegative").GetBoolean());
            _ = item.GetProperty("namesPillar").GetBoolean();
            Assert.Matches("^[a-z0-9-]+$", item.GetProperty("batch").GetString());
        });
    }

    [Fact]
    public void No_text_is_in_both_splits()
    {
        var ids = new[] { "dev", "heldout" }
            .SelectMany(s => File.ReadAllLines(RepositoryPaths.Combine("tests", "ClassificationData", $"{s}.jsonl")))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString())
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_page_is_in_both_splits()
    {
        var sources = new[] { "dev", "heldout" }
            .Select(s => File.ReadAllLines(RepositoryPaths.Combine("tests", "ClassificationData", $"{s}.jsonl"))
                .Select(l => Page(JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()!))
                .ToHashSet(StringComparer.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(sources[0].Intersect(sources[1], StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Held_out_texts_come_from_batches_that_dev_does_not_hold()
    {
        var batches = new[] { "dev", "heldout" }
            .Select(s => File.ReadAllLines(RepositoryPaths.Combine("tests", "ClassificationData", $"{s}.jsonl"))
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("batch").GetString()!)
                .ToHashSet(StringComparer.Ordinal))
            .ToList();

        Assert.Empty(batches[0].Intersect(batches[1], StringComparer.Ordinal));
    }

    // The same page under http and https, with or without "www." and a trailing slash.
    private static string Page(string source) =>
        Regex.Replace(source, "^https?://(www\\.)?", "", RegexOptions.IgnoreCase).TrimEnd('/');
}
