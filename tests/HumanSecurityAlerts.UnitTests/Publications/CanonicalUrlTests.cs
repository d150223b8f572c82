using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.UnitTests.Publications;

public sealed class CanonicalUrlTests
{
    [Theory]
    [InlineData("https://www.nato.int/cps/fr/natohq/news_181779.htm", "https://www.nato.int/cps/fr/natohq/news_181779.htm")]
    [InlineData("HTTPS://WWW.NATO.INT/cps/fr/natohq/news_181779.htm", "https://www.nato.int/cps/fr/natohq/news_181779.htm")]
    [InlineData("https://www.nato.int/cps/fr/natohq/news_181779.htm#section-2", "https://www.nato.int/cps/fr/natohq/news_181779.htm")]
    [InlineData("https://www.nato.int/cps/fr/natohq/news_181779.htm/", "https://www.nato.int/cps/fr/natohq/news_181779.htm")]
    [InlineData("https://www.nato.int/cps/fr/natohq/news_181779.htm?utm_source=x&utm_Medium=y", "https://www.nato.int/cps/fr/natohq/news_181779.htm")]
    [InlineData("https://example.org/a?id=3&utm_campaign=z&lang=fr", "https://example.org/a?id=3&lang=fr")]
    [InlineData("https://example.org:443/a", "https://example.org/a")]
    [InlineData("http://example.org:8080/A/B/", "http://example.org:8080/A/B")]
    [InlineData("https://example.org", "https://example.org/")]
    [InlineData("https://example.org/", "https://example.org/")]
    [InlineData("  https://example.org/a  ", "https://example.org/a")]
    public void Variants_of_a_link_have_one_canonical_form(string input, string expected)
    {
        Assert.True(CanonicalUrl.TryCreate(input, out var canonical));
        Assert.Equal(expected, canonical.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.org/file")]
    [InlineData("mailto:someone@example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:password@example.org/a")]
    public void Anything_but_an_absolute_http_URL_is_refused(string? input)
    {
        Assert.False(CanonicalUrl.TryCreate(input, out _));
    }

    [Fact]
    public void An_overlong_URL_is_refused()
    {
        Assert.False(CanonicalUrl.TryCreate("https://example.org/" + new string('a', CanonicalUrl.MaxLength), out _));
    }

    [Fact]
    public void The_id_is_stable_and_the_same_for_every_variant_of_a_link()
    {
        Assert.True(CanonicalUrl.TryCreate("https://www.nato.int/cps/fr/natohq/news_181779.htm", out var a));
        Assert.True(CanonicalUrl.TryCreate("HTTPS://www.nato.int/cps/fr/natohq/news_181779.htm/?utm_source=mail#top", out var b));

        var id = PublicationId.FromCanonicalUrl(a);

        Assert.Equal(id, PublicationId.FromCanonicalUrl(b));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.True(PublicationId.IsValid(id));
    }

    [Theory]
    [InlineData("nato-2021-02-25", true)]
    [InlineData("a", true)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("", false)]
    [InlineData("-leading", false)]
    [InlineData("trailing-", false)]
    [InlineData("Upper", false)]
    [InlineData("with space", false)]
    [InlineData("../etc", false)]
    public void Admin_ids_are_lower_case_letters_digits_and_inner_dashes(string id, bool valid)
    {
        Assert.Equal(valid, PublicationId.IsValid(id));
    }
}
