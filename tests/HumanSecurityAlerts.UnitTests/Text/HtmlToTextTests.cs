using HumanSecurityAlerts.Text;

namespace HumanSecurityAlerts.UnitTests.Text;

public sealed class HtmlToTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("   ", "")]
    [InlineData("plain   text\twith  spaces", "plain text with spaces")]
    [InlineData("<p>One</p><p>Two <b>bold</b></p>", "One\nTwo bold")]
    [InlineData("Line<br>break", "Line\nbreak")]
    [InlineData("S&eacute;curit&eacute; &amp; d&#233;fense", "Sécurité & défense")]
    [InlineData("<script>alert(1)</script><style>p{}</style>Visible", "Visible")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("<ul><li>one</li><li>two</li></ul>", "one\ntwo")]
    public void Html_becomes_readable_text(string? html, string expected)
    {
        Assert.Equal(expected, HtmlToText.Convert(html));
    }

    [Fact]
    public void Paragraphs_of_plain_text_are_kept()
    {
        Assert.Equal("First paragraph.\n\nSecond paragraph.", HtmlToText.Convert("First   paragraph.\n\n\n\nSecond paragraph.\n"));
    }

    [Theory]
    [InlineData("<p>text</p>", true)]
    [InlineData("<!DOCTYPE html><html></html>", true)]
    [InlineData("a < b and c > d", false)]
    [InlineData("plain text", false)]
    [InlineData("ends with <", false)]
    public void Detects_markup(string text, bool expected) => Assert.Equal(expected, HtmlToText.LooksLikeHtml(text));

    [Fact]
    public void Drops_tags_comments_scripts_and_decodes_entities()
    {
        var text = HtmlToText.Convert("<p>Droits &amp; libert&eacute;s</p><script>alert('<p>x</p>')</script><!-- hidden --><p>fin</p>");

        Assert.Equal("Droits & libertés\nfin", text);
    }

    [Fact]
    public void Malformed_markup_degrades_to_text()
    {
        Assert.Equal("unclosed", HtmlToText.Convert("<p>unclosed <b"));
        Assert.Equal("", HtmlToText.Convert("<script>never closed"));
    }
}
