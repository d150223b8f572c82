using System.Diagnostics;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace HumanSecurityAlerts.UnitTests.Publications;

/// <summary>A publication sent by the outbox timer, after the request's own send failed, is sent in the request's trace.</summary>
public sealed class OutboxTraceTests
{
    [Fact]
    public async Task The_outbox_send_continues_the_trace_of_the_request_that_stored_the_publication()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ServiceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var store = Substitute.For<IPublicationStore>();
        var events = Substitute.For<IPublicationEventPublisher>();
        var publisher = new PublicationPublisher(store, events, Options.Create(new PublicationsOptions()), new FakeTimeProvider(), NullLogger<PublicationPublisher>.Instance);
        Publication? stored = null;
        store.AddAsync(Arg.Do<Publication>(p => stored = p), Arg.Any<CancellationToken>()).Returns(c => new PublicationAddResult(c.Arg<Publication>(), true));
        var sentIn = new List<ActivityContext>();
        events.PublishAsync(Arg.Any<Publication>(), Arg.Any<CancellationToken>()).Returns(
            _ => { sentIn.Add(Activity.Current!.Context); return Task.FromException(new InvalidOperationException("broker down")); },
            _ => { sentIn.Add(Activity.Current!.Context); return Task.CompletedTask; });

        ActivityTraceId request;
        using (var release = ServiceTelemetry.Source.StartActivity("release publication"))
        {
            request = release!.TraceId;
            await publisher.StoreAndPublishAsync(PublicationPublisherTests.Make("a"), CancellationToken.None);
        }

        // The timer runs later, outside the request (no current span).
        Assert.Null(Activity.Current);
        Assert.Equal(request, ActivityContext.Parse(stored!.TraceParent!, null).TraceId);
        store.GetOutboxAsync(Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns([new OutboxEntry("a", DateTimeOffset.UtcNow)]);
        store.GetAsync("a", Arg.Any<CancellationToken>()).Returns(stored);
        Assert.Equal(1, await publisher.DrainOutboxAsync(CancellationToken.None));

        Assert.Equal(2, sentIn.Count);
        Assert.All(sentIn, c => Assert.Equal(request, c.TraceId));
    }
}
