namespace HumanSecurityAlerts.Webhooks;

/// <summary>Checks a webhook URL when it is registered: scheme, form, and (unless private networks are allowed) that its host resolves to public addresses only.</summary>
public interface IWebhookUrlChecker
{
    /// <summary>Null when acceptable, else a message for the <c>url</c> field.</summary>
    Task<string?> CheckAsync(string? url, CancellationToken cancellationToken);
}
