using HumanSecurityAlerts.Feeds;

namespace HumanSecurityAlerts.UnitTests.Feeds;

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
}
