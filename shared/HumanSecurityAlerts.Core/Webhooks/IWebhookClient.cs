namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Posts signed webhook messages through the guarded HTTP client (public addresses only, checked at connect time,
/// unless <c>Webhooks:AllowPrivateNetworks</c>). Used for verification events and, by delivery, for notifications.
/// </summary>
public interface IWebhookClient
{
    Task<WebhookCallResult> PostAsync(WebhookCall request, CancellationToken cancellationToken);
}

/// <param name="MessageId">Standard Webhooks <c>webhook-id</c>; stable across retries of one message.</param>
/// <param name="Secrets">The <c>whsec_</c> secrets to sign with (two during a rotation).</param>
/// <param name="Timeout">Overall time allowed for the call, or null for the client's default.</param>
public sealed record WebhookCall(Uri Url, string MessageId, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Body, IReadOnlyList<string> Secrets, TimeSpan? Timeout = null);

public enum WebhookCallOutcome
{
    /// <summary>2xx.</summary>
    Delivered,

    /// <summary>Worth retrying: timeout, connection failure, 5xx, 408, 429.</summary>
    Transient,

    /// <summary>Not worth retrying: other 4xx, 3xx (redirects are not followed).</summary>
    Permanent,

    /// <summary>The destination is not allowed (non-public address, or not https) and was not contacted.</summary>
    Refused,
}

/// <param name="ResponseBody">At most the first 64 KiB of the response, as text.</param>
/// <param name="Error">A short description for logs; never contains the secret.</param>
/// <param name="RetryAfter">The response's <c>Retry-After</c> (seconds or a date, as a delay from now), when it sent one.</param>
public sealed record WebhookCallResult(WebhookCallOutcome Outcome, int? StatusCode, string? ResponseBody, string? Error, TimeSpan? RetryAfter = null);
