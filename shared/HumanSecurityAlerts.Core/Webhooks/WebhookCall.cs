namespace HumanSecurityAlerts.Webhooks;

/// <param name="MessageId">Standard Webhooks <c>webhook-id</c>; stable across retries of one message.</param>
/// <param name="Secrets">The <c>whsec_</c> secrets to sign with (two during a rotation).</param>
/// <param name="Timeout">Overall time allowed for the call, or null for the client's default.</param>
public sealed record WebhookCall(Uri Url, string MessageId, DateTimeOffset Timestamp, ReadOnlyMemory<byte> Body, IReadOnlyList<string> Secrets, TimeSpan? Timeout = null);
