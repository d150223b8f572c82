using System.Text;
using HumanSecurityAlerts.Feeds;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.UnitTests.Feeds;

public sealed class FeedParserTests
{
    [Fact]
    public void The_sample_RSS_feed_reads_as_text_items_newest_first()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(RepositoryPaths.Combine("seeds", "feeds", "sample.rss.xml")), 100);

        Assert.Equal("en", feed.Language);
        Assert.Equal(4, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("Allies adopt new guidance on the protection of civilians in operations", first.Title);
        Assert.StartsWith("https://example.org/newsroom/2024/03/protection-of-civilians-guidance?utm_source=rss", first.Link, StringComparison.Ordinal);
        Assert.Equal("Planners will assess civilian harm before and after every operation.", first.Summary);
        Assert.Contains("The new guidance on the protection of civilians asks", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", first.Text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 3, 12, 9, 0, 0, TimeSpan.Zero), first.PublishedAt);
        Assert.Equal(feed.Items.OrderByDescending(i => i.PublishedAt).Select(i => i.Link), feed.Items.Select(i => i.Link));
    }

    [Fact]
    public void The_sample_Atom_feed_reads_too()
    {
        var feed = FeedParser.Parse(File.ReadAllBytes(RepositoryPaths.Combine("seeds", "feeds", "sample.atom.xml")), 3);

        Assert.Equal(3, feed.Items.Count);
        Assert.Equal("Report on preventing conflict-related sexual violence", feed.Items[0].Title);
        Assert.Equal("https://example.org/reports/2024/conflict-related-sexual-violence", feed.Items[0].Link);
        Assert.StartsWith("The report reviews how missions prevent", feed.Items[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_links_resolve_against_the_feed_and_bad_dates_do_not_fail_the_feed()
    {
        const string Rss = """
            <rss version="2.0"><channel><title>t</title><link>https://example.org/news/</link><description>d</description>
              <item><title>One</title><link>/news/one</link><pubDate>sometime last week</pubDate></item>
              <item><title>Two</title><guid>https://example.org/news/two</guid><pubDate>Mon, 11 Mar 2024 14:30:00 EST</pubDate></item>
            </channel></rss>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss), 10);

        Assert.Equal(2, feed.Items.Count);
        Assert.Contains(feed.Items, i => i.Link == "https://example.org/news/one" && i.PublishedAt is null);
        Assert.Contains(feed.Items, i => i.Link == "https://example.org/news/two" && i.PublishedAt == new DateTimeOffset(2024, 3, 11, 19, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<html><body><p>a web page</p></body></html>")]
    [InlineData("<rss version=\"2.0\"><channel><title>unclosed")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://example.org/evil.dtd"><rss version="2.0"><channel><title>x</title></channel></rss>""")]
    public void Anything_but_a_well_formed_feed_without_DTD_is_refused(string content)
    {
        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(content), 10));
    }
}
