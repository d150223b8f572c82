using HumanSecurityAlerts.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// Deletes what nobody will use and what an abuser would leave behind: never-confirmed email subscribers and
/// never-verified webhooks (with their manage tokens), long-inactive subscribers, expired tokens and ended rate-limit
/// windows. Each deletion is idempotent, so a run that stops half-way is simply finished by the next.
/// </summary>
public sealed partial class SubscriptionHousekeeping(
    ISubscriberHousekeeping store,
    IRateLimiter limiter,
    IOptions<SubscriptionOptions> options,
    TimeProvider time,
    ILogger<SubscriptionHousekeeping> logger)
{
    public async Task<HousekeepingReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var subscribers = 0;
        await foreach (var subscriber in store.ListInactiveAsync(cancellationToken).ConfigureAwait(false))
        {
            if (now >= ExpiresAt(subscriber, options.Value))
            {
                await store.DeleteAsync(subscriber, cancellationToken).ConfigureAwait(false);
                subscribers++;
            }
        }

        var tokens = await store.DeleteExpiredTokensAsync(now, cancellationToken).ConfigureAwait(false);
        var windows = await limiter.PurgeAsync(now, cancellationToken).ConfigureAwait(false);
        var report = new HousekeepingReport(subscribers, tokens, windows);
        LogDone(logger, report.Subscribers, report.Tokens, report.RateLimitWindows);
        return report;
    }

    /// <summary>When an inactive subscriber may be deleted: never-confirmed ones soon, the others after the retention.</summary>
    public static DateTimeOffset ExpiresAt(Subscriber subscriber, SubscriptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(options);
        if (subscriber.Status == SubscriberStatus.Active)
        {
            return DateTimeOffset.MaxValue;
        }

        if (subscriber.Status == SubscriberStatus.Pending && subscriber.ActivatedAt is null)
        {
            var last = Max(subscriber.CreatedAt, subscriber.LastConfirmationSentAt);
            return last + (subscriber.Channel == SubscriptionChannel.Email ? options.ConfirmationTokenLifetime : options.PendingWebhookLifetime);
        }

        DateTimeOffset?[] activity = [subscriber.ActivatedAt, subscriber.UnsubscribedAt, subscriber.DisabledAt, subscriber.LastConfirmationSentAt];
        var lastSign = activity.Aggregate(subscriber.CreatedAt, Max);
        return lastSign + options.InactiveRetention;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } x && x > a ? x : a;

    [LoggerMessage(1, LogLevel.Information, "Housekeeping deleted {Subscribers} inactive subscriber(s), {Tokens} expired token(s), {Windows} ended rate-limit window(s)")]
    private static partial void LogDone(ILogger logger, int subscribers, int tokens, int windows);
}
