using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace HumanSecurityAlerts.UnitTests.FanOut;

/// <summary>How <see cref="FanOutService"/> pages through the pillar index: a small first page, so deliveries start sooner.</summary>
public sealed class FanOutPagingTests
{
    private readonly ISubscriberDirectory directory = Substitute.For<ISubscriberDirectory>();
    private readonly IDeliveryDispatcher queue = Substitute.For<IDeliveryDispatcher>();
    private readonly IFanOutProgressStore progress = Substitute.For<IFanOutProgressStore>();
    private readonly List<(SubscriptionFrequency Frequency, string? Token, int PageSize)> reads = [];
    private readonly List<int> sent = [];

    public FanOutPagingTests()
    {
        directory.ListActiveAsync(Arg.Any<PillarId>(), Arg.Any<SubscriptionFrequency>(), Arg.Any<string?>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var (frequency, token, size) = (call.ArgAt<SubscriptionFrequency>(1), call.ArgAt<string?>(2), call.ArgAt<int>(3));
                lock (reads)
                {
                    reads.Add((frequency, token, size));
                }

                if (frequency != SubscriptionFrequency.Immediate)
                {
                    return new SubscriberPage([], null);
                }

                // 2,000 immediate subscribers in all, served in pages of the size asked for.
                var from = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
                var to = Math.Min(2000, from + size);
                var items = Enumerable.Range(from, to - from).Select(i => new IndexedSubscriber($"w{i:D4}", SubscriptionChannel.Webhook)).ToList();
                return new SubscriberPage(items, to < 2000 ? to.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            });
        queue.SendAsync(Arg.Do<IReadOnlyList<DeliveryRequest>>(r => sent.Add(r.Count)), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task A_run_starts_with_a_small_page_then_reads_full_pages_and_queues_everyone_once()
    {
        var result = await Service().RunAsync(Request(), CancellationToken.None);

        var immediate = reads.Where(r => r.Frequency == SubscriptionFrequency.Immediate).ToList();
        Assert.Equal((null, 50), (immediate[0].Token, immediate[0].PageSize));
        Assert.All(immediate.Skip(1), r => Assert.Equal(1000, r.PageSize));
        Assert.Equal([50, 1000, 950], sent);
        Assert.Equal(2000, result.Queued);
    }

    [Fact]
    public async Task A_run_resumed_mid_partition_reads_full_pages()
    {
        var now = DateTimeOffset.UnixEpoch;
        progress.GetAsync("pub1", 0, Arg.Any<CancellationToken>()).Returns(new FanOutProgress("pub1", 0, 0, "1000", 1000, 0, false, now, now, null));

        var result = await Service().RunAsync(Request(), CancellationToken.None);

        Assert.Equal(("1000", 1000), (reads[0].Token, reads[0].PageSize));
        Assert.Equal([1000], sent);
        Assert.Equal(2000, result.Queued);
    }

    private static FanOutRequest Request() =>
        new("pub1", "Title", new Uri("https://example.org/p"), [PillarCatalog.ProtectionOfCivilians], "en", DateTimeOffset.UnixEpoch, 0);

    private FanOutService Service() => new(
        directory, queue, Substitute.For<IDigestStore>(), progress, Options.Create(new FanOutOptions()), new FakeTimeProvider(),
        NullLogger<FanOutService>.Instance);
}
