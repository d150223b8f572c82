using System.Diagnostics;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// Handles one delivery request: checks the ledger (never notify twice), reads the subscriber right before sending
/// (unsubscribing is immediate), sends the email or webhook, writes the ledger, and decides what happens to the
/// message: complete, reschedule with backoff (transient failure), or dead-letter (permanent failure, retries
/// exhausted, endpoint disabled).
/// </summary>
/// <remarks>
/// Concurrency: before sending, the ledger row is claimed (status <c>Sending</c>) with optimistic concurrency. A copy of
/// the same delivery from another run (a resend, a replay) that finds a fresh claim or a scheduled retry of another run
/// leaves it to that one. A crash between sending and writing the ledger means the message is redelivered and sent
/// again: delivery is at least once, and webhook receivers can dedupe on <c>webhook-id</c> (the delivery id).
/// </remarks>
public sealed partial class DeliveryService(
    IDeliveryLedger ledger,
    ISubscriberDirectory directory,
    ISubscriberStore subscribers,
    IPublicationStore publications,
    IEmailSender email,
    IWebhookClient webhooks,
    IWebhookHealthStore health,
    DeliveryContent content,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryService> logger,
    ServiceTelemetry? telemetry = null)
{
    public const string PermanentFailure = "PermanentFailure";
    public const string RetriesExhausted = "RetriesExhausted";
    public const string EndpointDisabled = "EndpointDisabled";
    public const string PublicationNotFound = "PublicationNotFound";

    private readonly PublicationCache cache = new(publications, time);

    public async Task<MessageDecision> HandleAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var fresh = new DeliveryRecord
        {
            PublicationId = request.PublicationId,
            SubscriberId = request.SubscriberId,
            DeliveryId = request.DeliveryId,
            Channel = request.Channel,
            Status = DeliveryStatus.Sending,
        };

        // Most deliveries are first tries of the first fan-out, with no ledger row yet: claiming with an insert (which
        // fails if the row exists) saves the read. Retries, resends and replays, whose row most likely exists, and any
        // copy whose insert fails read the row and judge it. The publication is looked up first (cached) so that a
        // missing one leaves no claim behind.
        var publication = await cache.GetAsync(request.PublicationId, cancellationToken).ConfigureAwait(false);
        DeliveryRecord? claimed = null;
        DeliveryRecord record;
        if (publication is not null && request.IsFirstTry
            && await ledger.TryWriteAsync(Claim(fresh, request, now), cancellationToken).ConfigureAwait(false) is { } inserted)
        {
            claimed = inserted;
            record = fresh with { ETag = inserted.ETag };
        }
        else
        {
            var existing = await ledger.GetAsync(request.PublicationId, request.SubscriberId, cancellationToken).ConfigureAwait(false);

            // This very attempt failed and announced its retry, yet the message is back: the retry's copy may never have
            // been scheduled (the broker was unreachable between the ledger write and the send). Announcing it again is
            // safe: the copy's MessageId is fixed by delivery, run and attempt, so the queue drops a second one.
            if (existing is { Status: DeliveryStatus.Retrying, NextAttemptAt: { } due } && existing.Run == request.Run && existing.RunAttempt == request.Attempt)
            {
                LogRetryAnnouncedAgain(request.DeliveryId, request.SubscriberId, request.Attempt + 1, due);
                return MessageDecision.Reschedule(due, request.Attempt + 1);
            }

            if (InChargeElsewhere(existing, request, now, settings) is { } why)
            {
                LogSkipped(request.DeliveryId, request.SubscriberId, why);
                return MessageDecision.Complete;
            }

            record = existing ?? fresh;
        }

        var target = await directory.GetActiveAsync(request.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            await WriteAsync(record with { Status = DeliveryStatus.Dropped, LastError = "The subscriber unsubscribed or was removed.", NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
            LogDropped(request.DeliveryId, request.SubscriberId, "unsubscribed or removed");
            Count(request.Channel, "dropped");
            return MessageDecision.Complete;
        }

        if (publication is null)
        {
            LogPublicationMissing(request.DeliveryId, request.PublicationId);
            return MessageDecision.DeadLetter(PublicationNotFound, $"Publication {request.PublicationId} is not stored.");
        }

        var matched = publication.Pillars.Where(target.Pillars.Contains).ToList();
        if (matched.Count == 0)
        {
            await WriteAsync(record with { Status = DeliveryStatus.Dropped, LastError = "The subscriber no longer follows the publication's pillars.", NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
            LogDropped(request.DeliveryId, request.SubscriberId, "no matching pillar any more");
            Count(request.Channel, "dropped");
            return MessageDecision.Complete;
        }

        claimed ??= await ledger.TryWriteAsync(Claim(record, request, now), cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            LogSkipped(request.DeliveryId, request.SubscriberId, "claimed by another worker");
            return MessageDecision.Complete;
        }

        // One span per attempt: the webhook call carries it as traceparent.
        var channel = target.Channel.Name();
        using var activity = ServiceTelemetry.Source.StartActivity(target.Channel == SubscriptionChannel.Email ? "send email" : "call webhook", ActivityKind.Client);
        activity?.SetTag(ServiceTelemetry.PublicationIdTag, request.PublicationId);
        activity?.SetTag(ServiceTelemetry.DeliveryIdTag, request.DeliveryId);
        activity?.SetTag(ServiceTelemetry.ChannelTag, channel);
        activity?.SetTag(ServiceTelemetry.AttemptTag, claimed.Attempts);
        activity?.SetTag(ServiceTelemetry.PillarsTag, string.Join(',', matched));
        telemetry?.Attempts.Add(1, new KeyValuePair<string, object?>(ServiceTelemetry.ChannelTag, channel));
        var result = target.Channel == SubscriptionChannel.Email
            ? await SendEmailAsync(publication, target, matched, cancellationToken).ConfigureAwait(false)
            : await SendWebhookAsync(publication, target, matched, request.DeliveryId, now, settings, cancellationToken).ConfigureAwait(false);
        if (result.StatusCode is { } status)
        {
            activity?.SetTag(target.Channel == SubscriptionChannel.Email ? "hsa.smtp.status_code" : "http.response.status_code", status);
        }

        var decision = await SettleAsync(request, claimed, target, result, settings, cancellationToken).ConfigureAwait(false);
        var outcome = result.Kind == SendKind.Delivered ? "delivered" : decision.Settlement == MessageSettlement.Reschedule ? "retrying" : "failed";
        activity?.SetTag(ServiceTelemetry.OutcomeTag, outcome);
        if (result.Kind != SendKind.Delivered)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        Count(target.Channel, outcome);
        if (result.Kind == SendKind.Delivered)
        {
            telemetry?.Latency.Record((time.GetUtcNow() - publication.IngestedAt).TotalSeconds, new KeyValuePair<string, object?>(ServiceTelemetry.ChannelTag, channel));
        }

        return decision;
    }

    private void Count(SubscriptionChannel channel, string outcome) =>
        telemetry?.Deliveries.Add(1, new KeyValuePair<string, object?>(ServiceTelemetry.ChannelTag, channel.Name()), new KeyValuePair<string, object?>(ServiceTelemetry.OutcomeTag, outcome));

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based: the retry after the first failure), honouring Retry-After.</summary>
    public static TimeSpan? RetryDelay(IReadOnlyList<TimeSpan> schedule, int attempt, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (attempt < 1 || attempt > schedule.Count)
        {
            return null;
        }

        var delay = schedule[attempt - 1];
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < maxRetryAfter ? asked : maxRetryAfter;
        }

        return delay;
    }

    private static DeliveryRecord Claim(DeliveryRecord record, DeliveryRequest request, DateTimeOffset now) => record with
    {
        Status = DeliveryStatus.Sending,
        Attempts = record.Attempts + 1,
        Run = request.Run,
        RunAttempt = request.Attempt,
        FirstAttemptAt = record.FirstAttemptAt ?? now,
        LastAttemptAt = now,
        NextAttemptAt = null,
    };

    private static string? InChargeElsewhere(DeliveryRecord? record, DeliveryRequest request, DateTimeOffset now, DeliveryOptions settings)
    {
        switch (record?.Status)
        {
            case DeliveryStatus.Delivered:
                return "already delivered";
            case DeliveryStatus.Dropped:
                return "already dropped";
            case DeliveryStatus.Sending when record.LastAttemptAt > now - settings.ClaimLease && !(record.Run == request.Run && record.RunAttempt == request.Attempt):
                return "being sent by another message";
            case DeliveryStatus.Retrying when record.Run != request.Run:
                return "a retry of another run is scheduled";
            case DeliveryStatus.Retrying when request.Attempt < record.RunAttempt:
                return "a later attempt is already scheduled";
            default:
                return null;
        }
    }

    private async Task<MessageDecision> SettleAsync(DeliveryRequest request, DeliveryRecord claimed, DeliveryTarget target, SendResult result, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var isWebhook = target.Channel == SubscriptionChannel.Webhook;
        if (result.Kind == SendKind.Delivered)
        {
            await WriteAsync(claimed with { Status = DeliveryStatus.Delivered, DeliveredAt = now, LastError = null, LastStatusCode = result.StatusCode }, cancellationToken).ConfigureAwait(false);
            if (isWebhook)
            {
                await health.RecordSuccessAsync(target.SubscriberId, cancellationToken).ConfigureAwait(false);
            }

            LogDelivered(request.DeliveryId, request.SubscriberId, target.Channel, claimed.Attempts);
            return MessageDecision.Complete;
        }

        var failed = claimed with { LastError = result.Error, LastStatusCode = result.StatusCode };
        if (isWebhook)
        {
            var since = await health.RecordFailureAsync(target.SubscriberId, now, result.Error, cancellationToken).ConfigureAwait(false);
            if (now - since >= settings.DisableWebhookAfter)
            {
                await DisableAsync(target.SubscriberId, since, now, result.Error, cancellationToken).ConfigureAwait(false);
                await WriteAsync(failed with { Status = DeliveryStatus.Failed }, cancellationToken).ConfigureAwait(false);
                return MessageDecision.DeadLetter(EndpointDisabled, $"The endpoint has failed since {since:u} and was disabled. Last error: {result.Error}");
            }
        }

        if (result.Kind == SendKind.Transient
            && RetryDelay(settings.RetryDelays, request.Attempt, result.RetryAfter, settings.MaxRetryAfter) is { } delay)
        {
            var at = now + delay;
            await WriteAsync(failed with { Status = DeliveryStatus.Retrying, NextAttemptAt = at }, cancellationToken).ConfigureAwait(false);
            LogRetrying(request.DeliveryId, request.SubscriberId, request.Attempt, result.Error, delay);
            return MessageDecision.Reschedule(at, request.Attempt + 1);
        }

        await WriteAsync(failed with { Status = DeliveryStatus.Failed, NextAttemptAt = null }, cancellationToken).ConfigureAwait(false);
        var reason = result.Kind == SendKind.Transient ? RetriesExhausted : PermanentFailure;
        var attempts = claimed.Attempts;
        LogFailed(request.DeliveryId, request.SubscriberId, reason, result.Error, attempts);

        return MessageDecision.DeadLetter(reason, result.Kind == SendKind.Transient
            ? $"Gave up after {request.Attempt} attempt(s) of run {request.Run}. Last error: {result.Error}"
            : result.Error);
    }

    private async Task DisableAsync(string subscriberId, DateTimeOffset since, DateTimeOffset now, string error, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active, Channel: SubscriptionChannel.Webhook })
        {
            return;
        }

        var reason = $"Every delivery since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC failed (last error: {error}). Fix the endpoint, then verify it again to resume deliveries.";
        await subscribers.SaveAsync(subscriber with { Status = SubscriberStatus.Pending, DisabledAt = now, DisabledReason = reason }, cancellationToken).ConfigureAwait(false);
        LogDisabled(subscriberId, since);
    }

    private async Task<SendResult> SendEmailAsync(Publication publication, DeliveryTarget target, IReadOnlyList<string> matched, CancellationToken cancellationToken)
    {
        try
        {
            await email.SendAsync(content.Email(publication, target, matched), cancellationToken).ConfigureAwait(false);
            return new SendResult(SendKind.Delivered, null, "", null);
        }
        catch (EmailSendException e)
        {
            return new SendResult(e.IsTransient ? SendKind.Transient : SendKind.Permanent, e.SmtpStatusCode, e.Message, null);
        }
    }

    private async Task<SendResult> SendWebhookAsync(Publication publication, DeliveryTarget target, IReadOnlyList<string> matched, string deliveryId, DateTimeOffset now, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        if (target.SigningSecrets.Count == 0 || !Uri.TryCreate(target.Address, UriKind.Absolute, out var url))
        {
            return new SendResult(SendKind.Permanent, null, "The webhook subscription has no usable URL or signing secret.", null);
        }

        var body = content.WebhookEvent(publication, target, matched, deliveryId, now);
        var result = await webhooks.PostAsync(new WebhookCall(url, deliveryId, now, body, target.SigningSecrets, settings.WebhookTimeout), cancellationToken).ConfigureAwait(false);
        var kind = result.Outcome switch
        {
            WebhookCallOutcome.Delivered => SendKind.Delivered,
            WebhookCallOutcome.Transient => SendKind.Transient,
            _ => SendKind.Permanent,
        };
        return new SendResult(kind, result.StatusCode, result.Error ?? "", result.RetryAfter);
    }

    private async Task WriteAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        if (await ledger.TryWriteAsync(record, cancellationToken).ConfigureAwait(false) is null)
        {
            LogLedgerConflict(record.DeliveryId, record.SubscriberId);
        }
    }

    private enum SendKind
    {
        Delivered,
        Transient,
        Permanent,
    }

    private sealed record SendResult(SendKind Kind, int? StatusCode, string Error, TimeSpan? RetryAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {DeliveryId} to subscriber {SubscriberId} by {Channel} (attempt {Attempts})")]
    private partial void LogDelivered(string deliveryId, string subscriberId, SubscriptionChannel channel, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {DeliveryId} for subscriber {SubscriberId}: {Why}")]
    private partial void LogSkipped(string deliveryId, string subscriberId, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retry {Attempt} of {DeliveryId} for subscriber {SubscriberId} announced again for {Due}: this attempt's message came back")]
    private partial void LogRetryAnnouncedAgain(string deliveryId, string subscriberId, int attempt, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {DeliveryId} for subscriber {SubscriberId}: {Why}")]
    private partial void LogDropped(string deliveryId, string subscriberId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to subscriber {SubscriberId} failed on attempt {Attempt} ({Error}); retrying in {Delay}")]
    private partial void LogRetrying(string deliveryId, string subscriberId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to subscriber {SubscriberId} dead-lettered ({Reason}: {Error}) after {Attempts} attempt(s)")]
    private partial void LogFailed(string deliveryId, string subscriberId, string reason, string error, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled webhook subscriber {SubscriberId}: failing since {Since}")]
    private partial void LogDisabled(string subscriberId, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}: publication {PublicationId} is not stored")]
    private partial void LogPublicationMissing(string deliveryId, string publicationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger row of {DeliveryId} (subscriber {SubscriberId}) changed concurrently; not overwritten")]
    private partial void LogLedgerConflict(string deliveryId, string subscriberId);
}
