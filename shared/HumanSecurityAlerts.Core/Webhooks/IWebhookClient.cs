namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Posts signed webhook messages through the guarded HTTP client (public addresses only, checked at connect time,
/// unless <c>Webhooks:AllowPrivateNetworks</c>). Used for verification events and, by delivery, for notifications.
/// </summary>
public interface IWebhookClient
{
    Task<WebhookCallResult> PostAsync(WebhookCall request, CancellationToken cancellationToken);
}
