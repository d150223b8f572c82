using System.Text;

using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.UnitTests.AdminConsole;

public sealed class ConsolePagesTests
{
    [Fact]
    public void An_excerpt_marks_the_match_and_encodes_the_text_around_it()
    {
        var text = "<script>alert(1)</script> protection of civilians & more";
        var at = text.IndexOf("protection", StringComparison.Ordinal);

        var html = ConsolePages.Excerpt(text, at, "protection of civilians".Length);

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; <mark>protection of civilians</mark> &amp; more", html);
    }

    [Fact]
    public void An_excerpt_never_cuts_a_surrogate_pair_and_says_when_text_is_left_out()
    {
        var text = new string('a', 59) + "😀" + "x" + new string('b', 100);
        var at = 61;

        var html = ConsolePages.Excerpt(text, at, 1);

        Assert.StartsWith("…", html, StringComparison.Ordinal);
        Assert.Contains("&#x1F600;", html, StringComparison.Ordinal);
        Assert.EndsWith("…", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(5, 0)]
    [InlineData(3, 10)]
    public void Evidence_outside_the_text_shows_no_excerpt(int position, int length) => Assert.Equal("", ConsolePages.Excerpt("short", position, length));

    [Fact]
    public void A_pillar_the_learned_gate_added_says_so_instead_of_over_the_threshold()
    {
        var classification = new PublicationClassification(
            "fr",
            ["protection-of-civilians", "cultural-property-protection"],
            new Dictionary<string, double> { ["protection-of-civilians"] = 3.1, ["cultural-property-protection"] = 0.8, ["women-peace-and-security"] = 0.4 },
            [],
            2.25) { LearnedPillars = ["cultural-property-protection"] };
        var html = new StringBuilder();

        ConsolePages.Scores(html, ConsoleTexts.Fr, classification);

        var rows = html.ToString().Split("<tr data-pillar=", StringSplitOptions.None);
        Assert.Contains(ConsoleTexts.Fr.Found, rows.Single(r => r.StartsWith("\"protection-of-civilians\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        var learned = rows.Single(r => r.StartsWith("\"cultural-property-protection\"", StringComparison.Ordinal));
        Assert.Contains("Ajouté par le modèle appris", learned, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsoleTexts.Fr.Found, learned, StringComparison.Ordinal);
        Assert.Contains(ConsoleTexts.Fr.NotFound, rows.Single(r => r.StartsWith("\"women-peace-and-security\"", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    public static TheoryData<string> FrenchTexts => ["console", "subscription pages", "subscribe page", "emails"];

    [Theory]
    [MemberData(nameof(FrenchTexts))]
    public void French_texts_put_a_no_break_space_before_high_punctuation(string which)
    {
        object texts = which switch
        {
            "console" => ConsoleTexts.Fr,
            "subscription pages" => HumanSecurityAlerts.Subscriptions.SubscriptionTexts.Fr,
            "subscribe page" => HumanSecurityAlerts.Subscriptions.SubscribePageTexts.Fr,
            _ => HumanSecurityAlerts.Delivery.DeliveryTexts.Fr,
        };
        foreach (var property in texts.GetType().GetProperties())
        {
            var values = property.GetValue(texts) switch
            {
                string text => [text],
                IReadOnlyDictionary<string, string> map => map.Values,
                _ => [],
            };
            foreach (var value in values)
            {
                for (var i = 1; i < value.Length; i++)
                {
                    if (value[i] is ':' or ';' or '?' or '!' && value[i - 1] != '\u00a0')
                    {
                        Assert.Fail($"{property.Name}: '{value}' lacks a no-break space before '{value[i]}'.");
                    }
                }
            }
        }
    }

    [Fact]
    public void Dates_are_written_out_in_each_language()
    {
        var at = new DateTimeOffset(2021, 2, 25, 14, 5, 0, TimeSpan.Zero);

        Assert.Equal("25 February 2021, 14:05 UTC", ConsoleTexts.En.Written(at));
        Assert.Equal("25 février 2021 à 14 h 05 UTC", ConsoleTexts.Fr.Written(at));
    }
}
