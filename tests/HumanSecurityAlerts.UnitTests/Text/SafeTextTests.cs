using HumanSecurityAlerts.Text;

namespace HumanSecurityAlerts.UnitTests.Text;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("a\u0001b\u0008c\u001Fd", "abcd")]
    [InlineData("tab\tLF\nCR\r kept", "tab\tLF\nCR\r kept")]
    [InlineData("no\uFFFE\uFFFF nonchars", "no nonchars")]
    [InlineData("Protection des biens culturels — «\u00A0é\u00A0»", "Protection des biens culturels — «\u00A0é\u00A0»")]
    public void Clean_removes_exactly_what_XML_1_0_forbids(string input, string expected) =>
        Assert.Equal(expected, SafeText.Clean(input));

    [Fact]
    public void Clean_keeps_surrogate_pairs_and_drops_lone_or_reversed_surrogates()
    {
        // Built here, not in InlineData: theory data with lone surrogates does not survive serialisation intact.
        var text = "pair \uD83D\uDE00 kept; lone \uD800 high, lone \uDC00 low, reversed \uDE00\uD83D, last \uD83D";

        Assert.Equal("pair \uD83D\uDE00 kept; lone  high, lone  low, reversed , last ", SafeText.Clean(text));
    }

    [Fact]
    public void Clean_returns_clean_text_unchanged_without_copying()
    {
        const string text = "Nothing to remove here";
        Assert.Same(text, SafeText.Clean(text));
    }

    [Theory]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF", true)]
    [InlineData("\u3164\u115F\u1160\uFFA0\u2800", true)]
    [InlineData("\U000E0041\U000E0020", true)] // tag characters
    [InlineData("\u0301\u20DD", true)]        // marks with no base
    [InlineData("\u200Ba\u200B", false)]
    [InlineData("\u202E\u05D0", false)]       // Hebrew alef behind an override: visible
    [InlineData("\uD83D\uDE00", false)]
    public void IsInvisible_is_true_only_when_nothing_would_be_seen(string text, bool invisible) =>
        Assert.Equal(invisible, SafeText.IsInvisible(text));

    [Fact]
    public void ForHeader_drops_bidi_controls_and_flattens_line_breaks_and_controls()
    {
        Assert.Equal(
            "Report fdp.exe isolated next line tab",
            SafeText.ForHeader("Report \u202Efdp.exe\u202C \u2066isolated\u2069\r\nnext\u0085line\u0001\ttab\u202A\u202B\u202D\u2067\u2068"));
    }
}
