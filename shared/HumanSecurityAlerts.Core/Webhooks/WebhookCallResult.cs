namespace HumanSecurityAlerts.Webhooks;

/// <param name="ResponseBody">At most the first 64 KiB of the response, as text.</param>
/// <param name="Error">A short description for logs; never contains the secret.</param>
/// <param name="RetryAfter">The response's <c>Retry-After</c> (seconds or a date, as a delay from now), when it sent one.</param>
public sealed record WebhookCallResult(WebhookCallOutcome Outcome, int? StatusCode, string? ResponseBody, string? Error, TimeSpan? RetryAfter = null);
