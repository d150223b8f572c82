using System.Text;
using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Feeds;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace HumanSecurityAlerts.UnitTests.Feeds;

public sealed class FeedIngestionServiceTests
{
    private static readonly Uri Good = new("https://feeds.example.org/good.xml");
    private static readonly Uri Broken = new("https://feeds.example.org/broken.xml");
    private static readonly Uri Garbage = new("https://feeds.example.org/garbage.xml");

    private readonly IFeedFetcher fetcher = Substitute.For<IFeedFetcher>();
    private readonly IFeedStateStore states = Substitute.For<IFeedStateStore>();
    private readonly IPublicationStore store = Substitute.For<IPublicationStore>();
    private readonly IPublicationEventPublisher events = Substitute.For<IPublicationEventPublisher>();
    private readonly IPillarClassifier classifier = Substitute.For<IPillarClassifier>();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public FeedIngestionServiceTests()
    {
        classifier.Classify(Arg.Any<ClassificationInput>()).Returns(new ClassificationResult("en", ["protection-of-civilians"], new Dictionary<string, double>(), [], 3));
        store.AddAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>()).Returns(ci => new PublicationAddResult(ci.Arg<Publication>(), true));
        var rss = File.ReadAllBytes(RepositoryPaths.Combine("seeds", "feeds", "sample.rss.xml"));
        fetcher.FetchAsync(Good, Arg.Any<FeedValidators>(), Arg.Any<CancellationToken>()).Returns(new FeedFetchResult(false, rss, new FeedValidators("\"e1\"", null)));
        fetcher.FetchAsync(Broken, Arg.Any<FeedValidators>(), Arg.Any<CancellationToken>()).ThrowsAsync(new FeedFetchException("The feed answered HTTP 500."));
        fetcher.FetchAsync(Garbage, Arg.Any<FeedValidators>(), Arg.Any<CancellationToken>()).Returns(new FeedFetchResult(false, Encoding.UTF8.GetBytes("<nope"), FeedValidators.None));
    }

    [Fact]
    public async Task Failing_feeds_are_skipped_and_the_others_are_stored()
    {
        var summary = await Service(Broken, Garbage, Good).RunAsync(CancellationToken.None);

        Assert.Equal((1, 2, 4), (summary.SucceededFeeds, summary.FailedFeeds, summary.Stored));
        await store.Received(4).AddAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>());
        await events.Received(4).PublishAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>());
        await states.Received().SaveAsync(Arg.Is<FeedState>(s => s.Url == Broken && s.LastError!.Contains("500")), Arg.Any<CancellationToken>());
        await states.Received().SaveAsync(Arg.Is<FeedState>(s => s.Url == Good && s.Validators.ETag == "\"e1\"" && s.LastError == null), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Items_already_stored_are_neither_classified_nor_stored_again()
    {
        store.ExistsAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(true);

        var summary = await Service(Good).RunAsync(CancellationToken.None);

        Assert.Equal((0, 4), (summary.Stored, summary.AlreadyStored));
        classifier.DidNotReceiveWithAnyArgs().Classify(default!);
        await store.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task The_last_validators_are_sent_and_an_unchanged_feed_is_not_parsed()
    {
        states.GetAsync(Good, Arg.Any<CancellationToken>()).Returns(new FeedState(Good, new FeedValidators("\"e1\"", "Tue, 12 Mar 2024 09:00:00 GMT"), null, null));
        fetcher.FetchAsync(Good, Arg.Any<FeedValidators>(), Arg.Any<CancellationToken>()).Returns(new FeedFetchResult(true, null, new FeedValidators("\"e1\"", null)));

        var summary = await Service(Good).RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.NotModifiedFeeds);
        await fetcher.Received(1).FetchAsync(Good, new FeedValidators("\"e1\"", "Tue, 12 Mar 2024 09:00:00 GMT"), Arg.Any<CancellationToken>());
        await store.DidNotReceiveWithAnyArgs().ExistsAsync(default!, default);
    }

    [Fact]
    public async Task Stored_items_carry_the_canonical_url_the_feed_name_and_the_detected_language()
    {
        var added = new List<Publication>();
        store.When(s => s.AddAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>())).Do(ci => added.Add(ci.Arg<Publication>()));

        await Service(Good).RunAsync(CancellationToken.None);

        var poc = Assert.Single(added, p => p.Url.AbsolutePath.EndsWith("protection-of-civilians-guidance", StringComparison.Ordinal));
        Assert.Equal("https://example.org/newsroom/2024/03/protection-of-civilians-guidance", poc.Url.AbsoluteUri);
        Assert.Equal(PublicationId.FromCanonicalUrl(poc.Url), poc.Id);
        Assert.Equal("Newsroom", poc.Source);
        Assert.Equal("en", poc.Language);
        Assert.False(poc.PillarsSetByAdmin);
        Assert.Equal(["protection-of-civilians"], poc.Pillars);
    }

    private FeedIngestionService Service(params Uri[] feeds)
    {
        var feedsOptions = new FeedsOptions();
        foreach (var feed in feeds)
        {
            feedsOptions.Sources.Add(new FeedSource { Url = feed, Name = feed == Good ? "Newsroom" : null });
        }

        var publicationsOptions = Options.Create(new PublicationsOptions());
        var publisher = new PublicationPublisher(store, events, publicationsOptions, time, NullLogger<PublicationPublisher>.Instance);
        return new FeedIngestionService(
            fetcher, new FeedParser(), states, store, publisher, new PublicationFactory(new PublicationClassifier(classifier), time), Options.Create(feedsOptions), publicationsOptions, time, NullLogger<FeedIngestionService>.Instance);
    }
}
