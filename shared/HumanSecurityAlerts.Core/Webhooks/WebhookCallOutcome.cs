namespace HumanSecurityAlerts.Webhooks;

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
