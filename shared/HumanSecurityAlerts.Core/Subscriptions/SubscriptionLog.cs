using HumanSecurityAlerts.Languages;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Structured log messages. Never a full email address, URL path or token: subscriber ids and masked addresses only.</summary>
internal static partial class SubscriptionLog
{
    [LoggerMessage(1, LogLevel.Information, "Email subscriber {SubscriberId} ({MaskedEmail}) pending; confirmation sent")]
    public static partial void ConfirmationSent(ILogger logger, string subscriberId, string maskedEmail);

    [LoggerMessage(2, LogLevel.Information, "Email subscriber {SubscriberId} ({MaskedEmail}) requested again within the throttle period; no email sent")]
    public static partial void Throttled(ILogger logger, string subscriberId, string maskedEmail);

    [LoggerMessage(3, LogLevel.Information, "Email subscriber {SubscriberId} ({MaskedEmail}) already active; reminder with manage link sent")]
    public static partial void AlreadyActive(ILogger logger, string subscriberId, string maskedEmail);

    [LoggerMessage(4, LogLevel.Warning, "Email to subscriber {SubscriberId} ({MaskedEmail}) failed (transient: {Transient}, SMTP {SmtpStatus})")]
    public static partial void EmailFailed(ILogger logger, string subscriberId, string maskedEmail, bool transient, int? smtpStatus);

    [LoggerMessage(5, LogLevel.Information, "Subscriber {SubscriberId} activated")]
    public static partial void Activated(ILogger logger, string subscriberId);

    [LoggerMessage(6, LogLevel.Information, "Confirmation token rejected: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);

    [LoggerMessage(7, LogLevel.Information, "Subscriber {SubscriberId} unsubscribed")]
    public static partial void Unsubscribed(ILogger logger, string subscriberId);

    [LoggerMessage(8, LogLevel.Information, "Subscriber {SubscriberId} changed preferences: {PillarCount} pillar(s), {Language}, {Frequency}")]
    public static partial void PreferencesChanged(ILogger logger, string subscriberId, int pillarCount, Language language, string frequency);

    [LoggerMessage(9, LogLevel.Information, "Webhook subscriber {SubscriberId} created for host {Host}")]
    public static partial void WebhookCreated(ILogger logger, string subscriberId, string host);

    [LoggerMessage(10, LogLevel.Information, "Webhook subscriber {SubscriberId} verification: {Succeeded} ({Error})")]
    public static partial void WebhookVerified(ILogger logger, string subscriberId, bool succeeded, string? error);

    [LoggerMessage(11, LogLevel.Information, "Webhook subscriber {SubscriberId} rotated its secret; the previous one signs until {PreviousValidUntil}")]
    public static partial void SecretRotated(ILogger logger, string subscriberId, DateTimeOffset previousValidUntil);

    [LoggerMessage(12, LogLevel.Warning, "The service-wide cap of {PerMinute} confirmation mails per minute is reached; subscribe answered 429")]
    public static partial void GlobalCapReached(ILogger logger, int perMinute);

    [LoggerMessage(13, LogLevel.Warning, "An email subscribe took {ElapsedMs} ms, past the equalised answer time of {AnswerMs} ms: its timing may tell addresses apart")]
    public static partial void AnswerTimeExceeded(ILogger logger, long elapsedMs, long answerMs);

    [LoggerMessage(14, LogLevel.Information, "Subscriber {SubscriberId} replaced its management link")]
    public static partial void ManageTokenRotated(ILogger logger, string subscriberId);
}
