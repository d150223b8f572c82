using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace HumanSecurityAlerts.UnitTests.Publications;

public sealed class PublicationPublisherTests
{
    private readonly IPublicationStore store = Substitute.For<IPublicationStore>();
    private readonly IPublicationEventPublisher events = Substitute.For<IPublicationEventPublisher>();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly IOutboxRetry retry = Substitute.For<IOutboxRetry>();
    private readonly PublicationPublisher publisher;

    public PublicationPublisherTests() =>
        publisher = new PublicationPublisher(store, events, Options.Create(new PublicationsOptions()), time, NullLogger<PublicationPublisher>.Instance, retry);

    [Fact]
    public async Task A_new_publication_is_indexed_sent_and_marked_as_sent()
    {
        var publication = Make("a");
        store.AddAsync(publication, Arg.Any<CancellationToken>()).Returns(new PublicationAddResult(publication, true));

        var result = await publisher.StoreAndPublishAsync(publication, CancellationToken.None);

        Assert.True(result.Created);
        Assert.True(result.Publication.PublishedToTopic);
        Received.InOrder(() =>
        {
            store.AddAsync(publication, Arg.Any<CancellationToken>());
            store.IndexAsync(publication, Arg.Any<CancellationToken>());
            events.PublishAsync(publication, Arg.Any<CancellationToken>());
            store.MarkPublishedAsync("a", time.GetUtcNow(), Arg.Any<CancellationToken>());
        });
        retry.DidNotReceive().SendFailed();
    }

    [Fact]
    public async Task A_failed_send_keeps_the_publication_in_the_outbox_and_asks_for_an_early_retry()
    {
        var publication = Make("a");
        store.AddAsync(publication, Arg.Any<CancellationToken>()).Returns(new PublicationAddResult(publication, true));
        events.PublishAsync(publication, Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("broker down"));

        var result = await publisher.StoreAndPublishAsync(publication, CancellationToken.None);

        Assert.True(result.Created);
        Assert.False(result.Publication.PublishedToTopic);
        await store.DidNotReceiveWithAnyArgs().MarkPublishedAsync(default!, default, default);
        await store.DidNotReceiveWithAnyArgs().RemoveFromOutboxAsync(default!, default);
        retry.Received(1).SendFailed();
    }

    [Fact]
    public async Task A_publication_already_stored_and_sent_is_not_sent_again()
    {
        var stored = Make("a") with { PublishedToTopic = true };
        store.AddAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>()).Returns(new PublicationAddResult(stored, false));

        var result = await publisher.StoreAndPublishAsync(Make("a"), CancellationToken.None);

        Assert.False(result.Created);
        Assert.Same(stored, result.Publication);
        await events.DidNotReceiveWithAnyArgs().PublishAsync(default!, default);
    }

    [Fact]
    public async Task A_publication_stored_earlier_but_never_sent_is_sent_when_it_comes_again()
    {
        var stored = Make("a");
        store.AddAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>()).Returns(new PublicationAddResult(stored, false));

        var result = await publisher.StoreAndPublishAsync(Make("a"), CancellationToken.None);

        Assert.False(result.Created);
        Assert.True(result.Publication.PublishedToTopic);
        await events.Received(1).PublishAsync(stored, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_outbox_run_sends_unsent_publications_and_clears_stale_entries()
    {
        var now = time.GetUtcNow();
        store.GetOutboxAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(
        [
            new OutboxEntry("unsent", now.AddMinutes(-1)),
            new OutboxEntry("sent", now.AddMinutes(-1)),
            new OutboxEntry("being-stored", now.AddSeconds(-5)),
            new OutboxEntry("orphan", now.AddHours(-1)),
        ]);
        store.GetAsync("unsent", Arg.Any<CancellationToken>()).Returns(Make("unsent"));
        store.GetAsync("sent", Arg.Any<CancellationToken>()).Returns(Make("sent") with { PublishedToTopic = true });

        var sent = await publisher.DrainOutboxAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        await events.Received(1).PublishAsync(Arg.Is<Publication>(p => p.Id == "unsent"), Arg.Any<CancellationToken>());
        await store.Received(1).MarkPublishedAsync("unsent", now, Arg.Any<CancellationToken>());
        await store.Received(1).RemoveFromOutboxAsync("sent", Arg.Any<CancellationToken>());
        await store.Received(1).RemoveFromOutboxAsync("orphan", Arg.Any<CancellationToken>());
        await store.DidNotReceive().RemoveFromOutboxAsync("being-stored", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_send_that_hangs_is_given_up_after_the_send_timeout()
    {
        var slow = new PublicationPublisher(
            store, events, Options.Create(new PublicationsOptions { SendTimeout = TimeSpan.FromMilliseconds(50) }), TimeProvider.System, NullLogger<PublicationPublisher>.Instance);
        var publication = Make("a");
        store.AddAsync(publication, Arg.Any<CancellationToken>()).Returns(new PublicationAddResult(publication, true));
        events.PublishAsync(publication, Arg.Any<CancellationToken>()).Returns(ci => Task.Delay(Timeout.Infinite, ci.Arg<CancellationToken>()));

        var result = await slow.StoreAndPublishAsync(publication, CancellationToken.None);

        Assert.False(result.Publication.PublishedToTopic);
    }

    internal static Publication Make(string id) => new()
    {
        Id = id,
        Url = new Uri("https://example.org/" + id),
        Title = "Title " + id,
        Language = "en",
        Source = "test",
        PublishedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        IngestedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Pillars = ["protection-of-civilians"],
    };
}
