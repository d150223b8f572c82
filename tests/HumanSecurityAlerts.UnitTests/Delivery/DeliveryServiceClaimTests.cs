using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace HumanSecurityAlerts.UnitTests.Delivery;

/// <summary>How <see cref="DeliveryService"/> claims the ledger row before sending (never notify twice).</summary>
public sealed class DeliveryServiceClaimTests
{
    private const string PublicationId = "pub1";
    private const string SubscriberId = "w0123";
    private readonly IDeliveryLedger ledger = Substitute.For<IDeliveryLedger>();
    private readonly ISubscriberDirectory directory = Substitute.For<ISubscriberDirectory>();
    private readonly IPublicationStore publications = Substitute.For<IPublicationStore>();
    private readonly IWebhookClient webhooks = Substitute.For<IWebhookClient>();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly List<DeliveryRecord> writes = [];
    private readonly DeliveryService service;

    public DeliveryServiceClaimTests()
    {
        var site = Options.Create(new SiteOptions { BaseUrl = new Uri("https://alerts.example.org") });
        service = new DeliveryService(
            ledger, directory, Substitute.For<ISubscriberStore>(), publications, Substitute.For<IEmailSender>(), webhooks,
            Substitute.For<IWebhookHealthStore>(), new DeliveryContent(new SubscriptionLinks(site), site),
            Options.Create(new DeliveryOptions()), time, NullLogger<DeliveryService>.Instance);
        publications.GetAsync(PublicationId, Arg.Any<CancellationToken>()).Returns(new Publication
        {
            Id = PublicationId,
            Url = new Uri("https://example.org/report"),
            Title = "Civilian harm in the northern districts",
            Language = "en",
            Source = "admin",
            PublishedAt = time.GetUtcNow(),
            IngestedAt = time.GetUtcNow(),
            Pillars = ["protection-of-civilians"],
        });
        directory.GetActiveAsync(SubscriberId, Arg.Any<CancellationToken>()).Returns(new DeliveryTarget(
            SubscriberId, SubscriptionChannel.Webhook, Language.En, SubscriptionFrequency.Immediate, ["protection-of-civilians"],
            "https://hooks.example.org/in", "manage-token", ["whsec_" + Convert.ToBase64String(new byte[32])]));
        ledger.TryWriteAsync(Arg.Do<DeliveryRecord>(writes.Add), Arg.Any<CancellationToken>())
            .Returns(c => c.Arg<DeliveryRecord>() with { ETag = "etag" + writes.Count });
        webhooks.PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>()).Returns(new WebhookCallResult(WebhookCallOutcome.Delivered, 200, "", null));
    }

    [Fact]
    public async Task A_first_try_claims_with_an_insert_and_never_reads_the_ledger()
    {
        var decision = await service.HandleAsync(DeliveryRequest.First(PublicationId, SubscriberId, SubscriptionChannel.Webhook, 0), CancellationToken.None);

        Assert.Equal(MessageDecision.Complete, decision);
        await ledger.DidNotReceive().GetAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.Collection(
            writes,
            claim => Assert.Equal((DeliveryStatus.Sending, null, 1), (claim.Status, claim.ETag, claim.Attempts)),
            outcome => Assert.Equal((DeliveryStatus.Delivered, "etag1"), (outcome.Status, outcome.ETag)));
    }

    [Fact]
    public async Task A_retry_reads_its_row_first_and_claims_it_with_its_etag()
    {
        ledger.GetAsync(PublicationId, SubscriberId, Arg.Any<CancellationToken>()).Returns(Row(DeliveryStatus.Retrying, "g0", 1, "stored"));

        var retry = DeliveryRequest.First(PublicationId, SubscriberId, SubscriptionChannel.Webhook, 0) with { Attempt = 2 };
        var decision = await service.HandleAsync(retry, CancellationToken.None);

        Assert.Equal(MessageDecision.Complete, decision);
        Assert.Equal((DeliveryStatus.Sending, "stored", 2), (writes[0].Status, writes[0].ETag, writes[0].Attempts));
        Assert.Equal(DeliveryStatus.Delivered, writes[^1].Status);
        await webhooks.Received(1).PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_redelivered_first_try_whose_insert_fails_finds_the_row_delivered_and_sends_nothing()
    {
        ledger.TryWriteAsync(Arg.Is<DeliveryRecord>(r => r.ETag == null), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);
        ledger.GetAsync(PublicationId, SubscriberId, Arg.Any<CancellationToken>()).Returns(Row(DeliveryStatus.Delivered, "g0", 1, "stored"));

        var decision = await service.HandleAsync(DeliveryRequest.First(PublicationId, SubscriberId, SubscriptionChannel.Webhook, 0), CancellationToken.None);

        Assert.Equal(MessageDecision.Complete, decision);
        await webhooks.DidNotReceive().PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>());
        Assert.Single(writes);
    }

    [Fact]
    public async Task An_attempt_that_comes_back_after_announcing_its_retry_announces_it_again_and_sends_nothing()
    {
        // Attempt 1 failed, wrote "retrying" and asked for its copy; the copy's send or the completion did not happen.
        var due = time.GetUtcNow().AddSeconds(30);
        ledger.TryWriteAsync(Arg.Is<DeliveryRecord>(r => r.ETag == null), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);
        ledger.GetAsync(PublicationId, SubscriberId, Arg.Any<CancellationToken>()).Returns(Row(DeliveryStatus.Retrying, "g0", 1, "stored") with { NextAttemptAt = due });

        var decision = await service.HandleAsync(DeliveryRequest.First(PublicationId, SubscriberId, SubscriptionChannel.Webhook, 0), CancellationToken.None);

        Assert.Equal(MessageDecision.Reschedule(due, 2), decision);
        await webhooks.DidNotReceive().PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>());
        Assert.Single(writes);
    }

    [Fact]
    public async Task An_older_attempt_that_comes_back_after_a_later_one_ran_is_skipped()
    {
        ledger.GetAsync(PublicationId, SubscriberId, Arg.Any<CancellationToken>()).Returns(Row(DeliveryStatus.Retrying, "g0", 2, "stored") with { NextAttemptAt = time.GetUtcNow().AddMinutes(1) });

        var old = DeliveryRequest.First(PublicationId, SubscriberId, SubscriptionChannel.Webhook, 0) with { Attempt = 1 };
        ledger.TryWriteAsync(Arg.Is<DeliveryRecord>(r => r.ETag == null), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);
        var decision = await service.HandleAsync(old, CancellationToken.None);

        Assert.Equal(MessageDecision.Complete, decision);
        await webhooks.DidNotReceive().PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>());
    }

    private static DeliveryRecord Row(DeliveryStatus status, string run, int runAttempt, string etag) => new()
    {
        PublicationId = PublicationId,
        SubscriberId = SubscriberId,
        DeliveryId = DeliveryId.Create(PublicationId, SubscriberId),
        Channel = SubscriptionChannel.Webhook,
        Status = status,
        Attempts = runAttempt,
        Run = run,
        RunAttempt = runAttempt,
        ETag = etag,
    };
}
