using HumanSecurityAlerts.Classification;

namespace HumanSecurityAlerts.UnitTests.Classification;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<p>text</p>", true)]
    [InlineData("<!DOCTYPE html><html></html>", true)]
    [InlineData("a < b and c > d", false)]
    [InlineData("plain text", false)]
    [InlineData("ends with <", false)]
    public void Detects_markup(string text, bool expected) => Assert.Equal(expected, HtmlText.LooksLikeHtml(text));

    [Fact]
    public void Drops_tags_comments_scripts_and_decodes_entities()
    {
        var text = HtmlText.ToText("<p>Droits &amp; libert&eacute;s</p><script>alert('<p>x</p>')</script><!-- hidden --><p>fin</p>");

        Assert.Equal("\n\nDroits & libertés\n\n\n\nfin\n\n", text);
    }

    [Fact]
    public void Malformed_markup_degrades_to_text()
    {
        Assert.Equal("\n\nunclosed <b", HtmlText.ToText("<p>unclosed <b"));
        Assert.Equal("", HtmlText.ToText("<script>never closed"));
    }
}
