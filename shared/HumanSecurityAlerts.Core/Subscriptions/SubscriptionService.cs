using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.RateLimiting;
using HumanSecurityAlerts.Validation;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Subscribe (email double opt-in, webhook verification), confirm, manage preferences, unsubscribe, rotate secrets.</summary>
public sealed class SubscriptionService(
    ISubscriberStore store,
    ISecretProtector protector,
    IEmailSender email,
    IWebhookClient webhooks,
    IWebhookUrlChecker urlChecker,
    SubscriptionEmails emails,
    IRateLimiter limiter,
    IOptions<SubscriptionOptions> options,
    IOptions<RateLimitOptions> rateLimits,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    private SubscriptionOptions Options => options.Value;

    private RateLimitRule AddressRule => new("confirmation-address", 1, Options.ConfirmationThrottle);

    public async Task<SubscribeResult> SubscribeAsync(SubscriptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var hasChannel = SubscriptionNames.TryParseChannel(request.Channel, out var channel);
        if (!hasChannel)
        {
            errors.Add("channel", "Must be 'email' or 'webhook'.");
        }

        var pillars = ValidatePillars(request.Pillars, errors);
        var language = Language.En;
        if (request.Language is not null && !Language.TryParse(request.Language, out language))
        {
            errors.Add("language", "Must be 'en' or 'fr'.");
        }

        var frequency = SubscriptionFrequency.Immediate;
        if (request.Frequency is not null && !SubscriptionNames.TryParseFrequency(request.Frequency, out frequency))
        {
            errors.Add("frequency", "Must be 'immediate', 'daily' or 'weekly'.");
        }

        if (hasChannel && channel == SubscriptionChannel.Email && !EmailAddress.IsValid(request.Email))
        {
            errors.Add("email", "A valid email address is required.");
        }

        if (hasChannel && channel == SubscriptionChannel.Webhook
            && await urlChecker.CheckAsync(request.Url, cancellationToken).ConfigureAwait(false) is { } urlError)
        {
            errors.Add("url", urlError);
        }

        if (!errors.IsEmpty)
        {
            return SubscribeResult.Invalid(errors);
        }

        if (channel == SubscriptionChannel.Webhook)
        {
            return await SubscribeWebhookAsync(request.Url!, pillars, language, frequency, cancellationToken).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var result = await SubscribeEmailAsync(EmailAddress.Normalize(request.Email!), pillars, language, frequency, cancellationToken).ConfigureAwait(false);

        // New, pending, active and throttled addresses do different work; one answer time keeps them indistinguishable.
        var remaining = Options.EmailAnswerTime - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SubscriptionLog.AnswerTimeExceeded(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, (long)Options.EmailAnswerTime.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>
    /// What a confirmation link shows before anything changes (a GET must not confirm: mail filters open links): the
    /// subscriber to confirm, or <see cref="Confirmation.AlreadyConfirmed"/> once the link was used.
    /// </summary>
    public async Task<TokenResult<Confirmation>> CheckConfirmationAsync(string? token, CancellationToken cancellationToken)
    {
        var (outcome, row) = await FindTokenAsync(token, SubscriberTokenPurpose.Confirm, cancellationToken).ConfigureAwait(false);
        if (row is null || outcome is not (TokenOutcome.Ok or TokenOutcome.AlreadyUsed))
        {
            return new(outcome);
        }

        var subscriber = await store.GetAsync(row.SubscriberId, cancellationToken).ConfigureAwait(false);
        return subscriber is null
            ? new(TokenOutcome.NotFound)
            : new(new Confirmation(subscriber, protector.Unprotect(subscriber.ProtectedManageToken), outcome == TokenOutcome.AlreadyUsed));
    }

    /// <summary>Activates the subscriber (the button of the confirmation page). The link stays readable as "already confirmed" until it expires.</summary>
    public async Task<TokenResult<Confirmation>> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (outcome, row) = await FindTokenAsync(token, SubscriberTokenPurpose.Confirm, cancellationToken).ConfigureAwait(false);
        if (row is null || outcome != TokenOutcome.Ok)
        {
            SubscriptionLog.TokenRejected(logger, outcome.ToString());
            return outcome == TokenOutcome.AlreadyUsed ? await CheckConfirmationAsync(token, cancellationToken).ConfigureAwait(false) : new(outcome);
        }

        var subscriber = await store.GetAsync(row.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null)
        {
            return new(TokenOutcome.NotFound);
        }

        if (subscriber.Status != SubscriberStatus.Active)
        {
            subscriber = subscriber with { Status = SubscriberStatus.Active, ActivatedAt = time.GetUtcNow(), UnsubscribedAt = null };
            await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
            SubscriptionLog.Activated(logger, subscriber.Id);
        }

        await store.AddTokenAsync(row with { UsedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return new(new Confirmation(subscriber, protector.Unprotect(subscriber.ProtectedManageToken), AlreadyConfirmed: false));
    }

    public async Task<TokenResult<Subscriber>> GetByManageTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var (outcome, row) = await FindTokenAsync(token, SubscriberTokenPurpose.Manage, cancellationToken).ConfigureAwait(false);
        if (row is null || outcome != TokenOutcome.Ok)
        {
            return new(outcome);
        }

        var subscriber = await store.GetAsync(row.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null)
        {
            return new(TokenOutcome.NotFound);
        }

        // Only the subscriber's current manage token counts: one replaced (or left by an old race) is dead at once.
        var current = Encoding.ASCII.GetBytes(Tokens.Hash(protector.Unprotect(subscriber.ProtectedManageToken)));
        if (!CryptographicOperations.FixedTimeEquals(current, Encoding.ASCII.GetBytes(row.Hash)))
        {
            await store.DeleteTokenAsync(row.Hash, cancellationToken).ConfigureAwait(false);
            return new(TokenOutcome.NotFound);
        }

        return new(subscriber);
    }

    /// <summary>Saves the change, or returns the subscriber unchanged with the reasons it was refused.</summary>
    public async Task<TokenResult<PreferenceUpdate>> ChangePreferencesAsync(string? token, PreferenceChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return new(current.Outcome);
        }

        var subscriber = current.Value;
        var errors = new FieldErrors();
        var pillars = change.Pillars is null ? subscriber.Pillars : ValidatePillars(change.Pillars, errors);
        var language = subscriber.Language;
        if (change.Language is not null && !Language.TryParse(change.Language, out language))
        {
            errors.Add("language", "Must be 'en' or 'fr'.");
        }

        var frequency = subscriber.Frequency;
        if (change.Frequency is not null && !SubscriptionNames.TryParseFrequency(change.Frequency, out frequency))
        {
            errors.Add("frequency", "Must be 'immediate', 'daily' or 'weekly'.");
        }

        if (subscriber.Status == SubscriberStatus.Unsubscribed)
        {
            errors.Add("status", "This subscription has been cancelled; subscribe again instead.");
        }

        if (!errors.IsEmpty)
        {
            return new(new PreferenceUpdate(subscriber, errors));
        }

        subscriber = subscriber with { Pillars = pillars, Language = language, Frequency = frequency };
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        SubscriptionLog.PreferencesChanged(logger, subscriber.Id, pillars.Count, language, frequency.Name());
        return new(new PreferenceUpdate(subscriber));
    }

    /// <summary>Immediate and idempotent: when this returns the subscriber is in no pillar index.</summary>
    public async Task<TokenResult<Subscriber>> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        var current = await GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return current;
        }

        var subscriber = current.Value with
        {
            Status = SubscriberStatus.Unsubscribed,
            UnsubscribedAt = current.Value.UnsubscribedAt ?? time.GetUtcNow(),
        };
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        SubscriptionLog.Unsubscribed(logger, subscriber.Id);
        return new(subscriber);
    }

    /// <summary>Runs the webhook verification handshake again (e.g. after fixing the endpoint).</summary>
    public async Task<TokenResult<WebhookReverification>> VerifyWebhookAsync(string? token, CancellationToken cancellationToken)
    {
        var current = await GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return new(current.Outcome);
        }

        if (current.Value.Channel != SubscriptionChannel.Webhook || current.Value.Status == SubscriberStatus.Unsubscribed)
        {
            return new(TokenOutcome.NotApplicable);
        }

        var (subscriber, verification) = await VerifyAsync(current.Value, cancellationToken).ConfigureAwait(false);
        return new(new WebhookReverification(subscriber, verification));
    }

    /// <summary>Issues a new secret; the previous one keeps signing alongside it for <see cref="SubscriptionOptions.SecretRotationOverlap"/>.</summary>
    public async Task<TokenResult<SecretRotation>> RotateSecretAsync(string? token, CancellationToken cancellationToken)
    {
        var current = await GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (!current.IsOk)
        {
            return new(current.Outcome);
        }

        var subscriber = current.Value;
        if (subscriber.Channel != SubscriptionChannel.Webhook || subscriber.Status == SubscriberStatus.Unsubscribed || subscriber.ProtectedSecret is null)
        {
            return new(TokenOutcome.NotApplicable);
        }

        var secret = WebhookSecret.Generate();
        var until = time.GetUtcNow() + Options.SecretRotationOverlap;
        subscriber = subscriber with
        {
            ProtectedSecret = protector.Protect(secret),
            ProtectedPreviousSecret = subscriber.ProtectedSecret,
            PreviousSecretExpiresAt = until,
        };
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        SubscriptionLog.SecretRotated(logger, subscriber.Id, until);
        return new(new SecretRotation(subscriber, secret, until));
    }

    /// <summary>
    /// Replaces the management token (a link that was forwarded or leaked): the old one stops working at once, and every
    /// message from now on carries the new one, which is returned this once.
    /// </summary>
    public async Task<TokenResult<ManageTokenRotation>> RotateManageTokenAsync(string? token, CancellationToken cancellationToken)
    {
        var current = await GetByManageTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (token is null || !current.IsOk)
        {
            return new(current.Outcome);
        }

        var fresh = Tokens.New();
        var subscriber = current.Value with { ProtectedManageToken = protector.Protect(fresh) };
        await store.AddTokenAsync(new SubscriberToken(Tokens.Hash(fresh), SubscriberTokenPurpose.Manage, subscriber.Id, null), cancellationToken).ConfigureAwait(false);
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        await store.DeleteTokenAsync(Tokens.Hash(token), cancellationToken).ConfigureAwait(false);
        SubscriptionLog.ManageTokenRotated(logger, subscriber.Id);
        return new(new ManageTokenRotation(subscriber, fresh));
    }

    private static List<string> ValidatePillars(IEnumerable<string?>? requested, FieldErrors errors)
    {
        var pillars = new List<string>();
        if (requested is null || !requested.Any())
        {
            errors.Add("pillars", "Choose at least one pillar.");
            return pillars;
        }

        foreach (var id in requested)
        {
            if (!PillarId.TryParse(id, out _))
            {
                errors.Add("pillars", "Unknown pillar; see GET /api/pillars for the ids.");
                return pillars;
            }

            if (!pillars.Contains(id))
            {
                pillars.Add(id);
            }
        }

        return pillars;
    }

    private async Task<(TokenOutcome Outcome, SubscriberToken? Row)> FindTokenAsync(string? token, SubscriberTokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (!Tokens.IsWellFormed(token))
        {
            return (TokenOutcome.NotFound, null);
        }

        var row = await store.FindTokenAsync(Tokens.Hash(token), cancellationToken).ConfigureAwait(false);
        if (row is null || row.Purpose != purpose)
        {
            return (TokenOutcome.NotFound, null);
        }

        if (row.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return (TokenOutcome.Expired, row);
        }

        return row.UsedAt is null ? (TokenOutcome.Ok, row) : (TokenOutcome.AlreadyUsed, row);
    }

    private async Task<SubscribeResult> SubscribeEmailAsync(string address, List<string> pillars, Language language, SubscriptionFrequency frequency, CancellationToken cancellationToken)
    {
        var id = "e" + EmailAddress.Hash(address);
        var masked = EmailAddress.Mask(address);
        var now = time.GetUtcNow();
        var accepted = new SubscribeResult(SubscribeOutcome.EmailAccepted);

        // One conditional write per address wins the window; the others send nothing and create nothing.
        if (!(await limiter.AcquireAsync(AddressRule, id, cancellationToken).ConfigureAwait(false)).Allowed)
        {
            SubscriptionLog.Throttled(logger, id, masked);
            return accepted;
        }

        var overall = await limiter.AcquireAsync(rateLimits.Value.ConfirmationMailRule, "all", cancellationToken).ConfigureAwait(false);
        if (!overall.Allowed)
        {
            await limiter.ResetAsync(AddressRule, id, cancellationToken).ConfigureAwait(false);
            SubscriptionLog.GlobalCapReached(logger, rateLimits.Value.ConfirmationMailsPerMinute);
            return SubscribeResult.RateLimited(overall.RetryAfter);
        }

        var existing = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);

        Subscriber subscriber;
        string manageToken;
        if (existing is null)
        {
            manageToken = Tokens.New();
            subscriber = new Subscriber
            {
                Id = id,
                Channel = SubscriptionChannel.Email,
                Status = SubscriberStatus.Pending,
                Email = address,
                Pillars = pillars,
                Language = language,
                Frequency = frequency,
                ProtectedManageToken = protector.Protect(manageToken),
                CreatedAt = now,
            };
            await store.AddTokenAsync(new SubscriberToken(Tokens.Hash(manageToken), SubscriberTokenPurpose.Manage, id, null), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            manageToken = protector.Unprotect(existing.ProtectedManageToken);

            // An active subscriber's preferences change only through the manage link, never by an anonymous request.
            subscriber = existing.Status == SubscriberStatus.Active
                ? existing
                : existing with { Status = SubscriberStatus.Pending, Pillars = pillars, Language = language, Frequency = frequency };
        }

        EmailMessage message;
        if (subscriber.Status == SubscriberStatus.Active)
        {
            message = emails.AlreadySubscribed(subscriber, manageToken);
        }
        else
        {
            var confirmToken = Tokens.New();
            await store.AddTokenAsync(new SubscriberToken(Tokens.Hash(confirmToken), SubscriberTokenPurpose.Confirm, id, now + Options.ConfirmationTokenLifetime), cancellationToken).ConfigureAwait(false);
            message = emails.Confirmation(subscriber, confirmToken, manageToken);
        }

        var previousSentAt = existing?.LastConfirmationSentAt;
        subscriber = subscriber with { LastConfirmationSentAt = now };
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        try
        {
            await email.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (EmailSendException e)
        {
            // Let the person try again at once, and answer as usual (the answer must not depend on the address).
            SubscriptionLog.EmailFailed(logger, id, masked, e.IsTransient, e.SmtpStatusCode);
            await store.SaveAsync(subscriber with { LastConfirmationSentAt = previousSentAt }, cancellationToken).ConfigureAwait(false);
            await limiter.ResetAsync(AddressRule, id, cancellationToken).ConfigureAwait(false);
            return accepted;
        }

        if (subscriber.Status == SubscriberStatus.Active)
        {
            SubscriptionLog.AlreadyActive(logger, id, masked);
        }
        else
        {
            SubscriptionLog.ConfirmationSent(logger, id, masked);
        }

        return accepted;
    }

    private async Task<SubscribeResult> SubscribeWebhookAsync(string url, List<string> pillars, Language language, SubscriptionFrequency frequency, CancellationToken cancellationToken)
    {
        var id = "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var secret = WebhookSecret.Generate();
        var manageToken = Tokens.New();
        var subscriber = new Subscriber
        {
            Id = id,
            Channel = SubscriptionChannel.Webhook,
            Status = SubscriberStatus.Pending,
            Url = url,
            Pillars = pillars,
            Language = language,
            Frequency = frequency,
            ProtectedManageToken = protector.Protect(manageToken),
            ProtectedSecret = protector.Protect(secret),
            CreatedAt = time.GetUtcNow(),
        };
        await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        await store.AddTokenAsync(new SubscriberToken(Tokens.Hash(manageToken), SubscriberTokenPurpose.Manage, id, null), cancellationToken).ConfigureAwait(false);
        var host = new Uri(url).Host;
        SubscriptionLog.WebhookCreated(logger, id, host);

        var (verified, verification) = await VerifyAsync(subscriber, cancellationToken).ConfigureAwait(false);
        return new SubscribeResult(SubscribeOutcome.WebhookCreated, Subscriber: verified, Secret: secret, ManageToken: manageToken, Verification: verification);
    }

    /// <summary>
    /// Posts a signed <c>subscription.validation</c> event; the endpoint must answer 2xx with
    /// <c>{"validationResponse":"&lt;code&gt;"}</c>. Activates the subscriber on success.
    /// </summary>
    private async Task<(Subscriber Subscriber, WebhookVerification Verification)> VerifyAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var code = Tokens.New();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "subscription.validation",
            timestamp = now.UtcDateTime, // "Z", as in publication events
            data = new { validationCode = code, subscriptionId = subscriber.Id },
        });
        var call = new WebhookCall(new Uri(subscriber.Url!), "msg_" + Guid.NewGuid().ToString("N"), now, body, subscriber.SigningSecrets(protector, now), Options.VerificationTimeout);
        var result = await webhooks.PostAsync(call, cancellationToken).ConfigureAwait(false);

        var error = result.Outcome switch
        {
            WebhookCallOutcome.Delivered when EchoesCode(result.ResponseBody, code) => null,
            WebhookCallOutcome.Delivered => "The endpoint answered but did not echo the validation code as {\"validationResponse\":\"<code>\"}.",
            WebhookCallOutcome.Refused => "The endpoint's address is not allowed.",
            _ when result.StatusCode is { } status => $"The endpoint answered HTTP {status}.",
            _ => "The endpoint could not be reached: " + result.Error,
        };

        if (error is null && subscriber.Status != SubscriberStatus.Active)
        {
            subscriber = subscriber with { Status = SubscriberStatus.Active, ActivatedAt = time.GetUtcNow(), DisabledAt = null, DisabledReason = null };
            await store.SaveAsync(subscriber, cancellationToken).ConfigureAwait(false);
            SubscriptionLog.Activated(logger, subscriber.Id);
        }

        SubscriptionLog.WebhookVerified(logger, subscriber.Id, error is null, error);
        return (subscriber, new WebhookVerification(error is null, error));
    }

    private static bool EchoesCode(string? responseBody, string code)
    {
        if (string.IsNullOrWhiteSpace(responseBody))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(responseBody);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("validationResponse", out var echoed)
                && echoed.ValueKind == JsonValueKind.String
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(echoed.GetString()!), Encoding.UTF8.GetBytes(code));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
