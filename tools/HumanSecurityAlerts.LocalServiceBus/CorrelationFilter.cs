namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// A correlation filter: every property that is set must equal the message's (system properties and
/// application properties alike).
/// </summary>
public sealed record CorrelationFilter
{
    public string? ContentType { get; init; }

    public string? CorrelationId { get; init; }

    /// <summary>The message's Subject (called Label in the emulator's configuration).</summary>
    public string? Subject { get; init; }

    public string? MessageId { get; init; }

    public string? ReplyTo { get; init; }

    public string? ReplyToSessionId { get; init; }

    public string? SessionId { get; init; }

    public string? To { get; init; }

    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();
}
