using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.RateLimiting;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace HumanSecurityAlerts.UnitTests.Subscriptions;

public sealed class SubscriptionServiceTests
{
    private readonly ISubscriberStore store = Substitute.For<ISubscriberStore>();
    private readonly IEmailSender email = Substitute.For<IEmailSender>();
    private readonly IWebhookClient webhooks = Substitute.For<IWebhookClient>();
    private readonly IWebhookUrlChecker urls = Substitute.For<IWebhookUrlChecker>();
    private readonly IRateLimiter limiter = Substitute.For<IRateLimiter>();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SubscriptionService service;

    public SubscriptionServiceTests()
    {
        var protector = Substitute.For<ISecretProtector>();
        protector.Protect(Arg.Any<string>()).Returns(c => "p:" + c.Arg<string>());
        protector.Unprotect(Arg.Any<string>()).Returns(c => c.Arg<string>()[2..]);
        var links = new SubscriptionLinks(Options.Create(new SiteOptions { BaseUrl = new Uri("https://alerts.example.org") }));
        limiter.AcquireAsync(Arg.Any<RateLimitRule>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(RateLimitDecision.Allow);
        var options = Options.Create(new SubscriptionOptions { EmailAnswerTime = TimeSpan.Zero });
        service = new SubscriptionService(store, protector, email, webhooks, urls, new SubscriptionEmails(links), limiter, options, Options.Create(new RateLimitOptions()), time, NullLogger<SubscriptionService>.Instance);
    }

    [Fact]
    public async Task A_new_address_gets_a_pending_record_hashed_tokens_and_a_confirmation_link()
    {
        var tokens = new List<SubscriberToken>();
        await store.AddTokenAsync(Arg.Do<SubscriberToken>(tokens.Add), Arg.Any<CancellationToken>());
        EmailMessage? sent = null;
        await email.SendAsync(Arg.Do<EmailMessage>(m => sent = m), Arg.Any<CancellationToken>());

        var result = await service.SubscribeAsync(Request("Reader@Example.org"), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.EmailAccepted, result.Outcome);
        await store.Received().SaveAsync(Arg.Is<Subscriber>(s => s.Status == SubscriberStatus.Pending && s.Email == "reader@example.org" && s.Id == "e" + EmailAddress.Hash("reader@example.org")), Arg.Any<CancellationToken>());
        var confirm = Assert.Single(tokens, t => t.Purpose == SubscriberTokenPurpose.Confirm);
        Assert.Equal(time.GetUtcNow().AddDays(7), confirm.ExpiresAt);
        var link = sent!.Text.Split('\n').Single(l => l.Contains("confirm?token=", StringComparison.Ordinal)).Trim();
        var token = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];
        Assert.Equal(Tokens.Hash(token), confirm.Hash);
        Assert.DoesNotContain(tokens, t => t.Hash == token);
        Assert.StartsWith("<https://alerts.example.org/api/subscriptions/unsubscribe/", sent.Headers!["List-Unsubscribe"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_requests_within_the_throttle_send_nothing_create_nothing_and_answer_the_same()
    {
        var id = "e" + EmailAddress.Hash("reader@example.org");
        limiter.AcquireAsync(Arg.Is<RateLimitRule>(r => r.Name == "confirmation-address" && r.Permits == 1), id, Arg.Any<CancellationToken>())
            .Returns(RateLimitDecision.Refuse(TimeSpan.FromMinutes(8)));

        var result = await service.SubscribeAsync(Request("reader@example.org"), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.EmailAccepted, result.Outcome);
        await email.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().SaveAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().AddTokenAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    [Fact]
    public async Task When_the_service_wide_cap_is_reached_the_answer_is_rate_limited_and_the_address_keeps_its_window()
    {
        var id = "e" + EmailAddress.Hash("reader@example.org");
        limiter.AcquireAsync(Arg.Is<RateLimitRule>(r => r.Name == "confirmation-mail"), "all", Arg.Any<CancellationToken>())
            .Returns(RateLimitDecision.Refuse(TimeSpan.FromSeconds(20)));

        var result = await service.SubscribeAsync(Request("reader@example.org"), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.RateLimited, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(20), result.RetryAfter);
        await email.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().SaveAsync(default!, default);
        await limiter.Received(1).ResetAsync(Arg.Is<RateLimitRule>(r => r.Name == "confirmation-address"), id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_active_subscriber_is_reminded_and_its_preferences_are_not_changed_by_an_anonymous_request()
    {
        store.GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Existing(SubscriberStatus.Active, lastSent: time.GetUtcNow().AddDays(-1)));

        await service.SubscribeAsync(Request("reader@example.org", PillarCatalog.ChildrenAndArmedConflict), CancellationToken.None);

        await store.Received().SaveAsync(Arg.Is<Subscriber>(s => s.Status == SubscriberStatus.Active && s.Pillars.SequenceEqual(new[] { PillarCatalog.ProtectionOfCivilians })), Arg.Any<CancellationToken>());
        await store.DidNotReceive().AddTokenAsync(Arg.Is<SubscriberToken>(t => t.Purpose == SubscriberTokenPurpose.Confirm), Arg.Any<CancellationToken>());
        await email.Received(1).SendAsync(Arg.Is<EmailMessage>(m => m.Subject.Contains("already", StringComparison.Ordinal)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_email_still_gets_the_same_answer_and_does_not_start_the_throttle()
    {
        email.SendAsync(Arg.Any<EmailMessage>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new EmailSendException("refused", isTransient: false, 550)));

        var result = await service.SubscribeAsync(Request("reader@example.org"), CancellationToken.None);

        Assert.Equal(SubscribeOutcome.EmailAccepted, result.Outcome);
        await store.Received().SaveAsync(Arg.Is<Subscriber>(s => s.LastConfirmationSentAt == null), Arg.Any<CancellationToken>());
        await limiter.Received(1).ResetAsync(Arg.Is<RateLimitRule>(r => r.Name == "confirmation-address"), "e" + EmailAddress.Hash("reader@example.org"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task An_expired_confirmation_token_changes_nothing()
    {
        var token = Tokens.New();
        store.FindTokenAsync(Tokens.Hash(token), Arg.Any<CancellationToken>())
            .Returns(new SubscriberToken(Tokens.Hash(token), SubscriberTokenPurpose.Confirm, "e1", time.GetUtcNow().AddSeconds(-1)));

        var result = await service.ConfirmAsync(token, CancellationToken.None);

        Assert.Equal(TokenOutcome.Expired, result.Outcome);
        await store.DidNotReceiveWithAnyArgs().SaveAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().DeleteTokenAsync(default!, default);
    }

    [Fact]
    public async Task A_manage_token_cannot_confirm_and_a_malformed_token_is_not_looked_up()
    {
        var token = Tokens.New();
        store.FindTokenAsync(Tokens.Hash(token), Arg.Any<CancellationToken>()).Returns(new SubscriberToken(Tokens.Hash(token), SubscriberTokenPurpose.Manage, "e1", null));

        Assert.Equal(TokenOutcome.NotFound, (await service.ConfirmAsync(token, CancellationToken.None)).Outcome);
        Assert.Equal(TokenOutcome.NotFound, (await service.ConfirmAsync("../../etc", CancellationToken.None)).Outcome);
        await store.Received(1).FindTokenAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_webhook_whose_endpoint_does_not_answer_stays_pending()
    {
        urls.CheckAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((string?)null);
        webhooks.PostAsync(Arg.Any<WebhookCall>(), Arg.Any<CancellationToken>()).Returns(new WebhookCallResult(WebhookCallOutcome.Transient, null, null, "Timed out."));

        var result = await service.SubscribeAsync(new SubscriptionRequest { Channel = "webhook", Url = "https://hooks.example.org/x", Pillars = [PillarCatalog.ProtectionOfCivilians] }, CancellationToken.None);

        Assert.Equal(SubscribeOutcome.WebhookCreated, result.Outcome);
        Assert.Equal(SubscriberStatus.Pending, result.Subscriber!.Status);
        Assert.False(result.Verification!.Succeeded);
        await store.DidNotReceive().SaveAsync(Arg.Is<Subscriber>(s => s.Status == SubscriberStatus.Active), Arg.Any<CancellationToken>());
    }

    private static SubscriptionRequest Request(string address, string pillar = PillarCatalog.ProtectionOfCivilians) =>
        new() { Channel = "email", Email = address, Pillars = [pillar], Language = "en", Frequency = "immediate" };

    private Subscriber Existing(SubscriberStatus status, DateTimeOffset? lastSent) => new()
    {
        Id = "e" + EmailAddress.Hash("reader@example.org"),
        Channel = SubscriptionChannel.Email,
        Status = status,
        Email = "reader@example.org",
        Pillars = [PillarCatalog.ProtectionOfCivilians],
        Language = Language.En,
        Frequency = SubscriptionFrequency.Immediate,
        ProtectedManageToken = "p:" + Tokens.New(),
        CreatedAt = time.GetUtcNow().AddDays(-3),
        LastConfirmationSentAt = lastSent,
    };
}
