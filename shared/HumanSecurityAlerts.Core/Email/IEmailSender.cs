namespace HumanSecurityAlerts.Email;

/// <summary>
/// Sends email. Implementations reuse one connection across calls and are safe to call concurrently (calls are serialised).
/// Failures throw <see cref="EmailSendException"/>, whose <see cref="EmailSendException.IsTransient"/> tells a retry
/// (SMTP 4xx, connection refused, timeouts) from a permanent failure (SMTP 5xx, an invalid address).
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
