namespace HumanSecurityAlerts.LocalServiceBus;

internal sealed class CorrelationMessageFilter(CorrelationFilter filter) : MessageFilter
{
    public override bool Matches(MessageEnvelope envelope) =>
        Matches(filter.ContentType, envelope.ContentType)
        && Matches(filter.CorrelationId, envelope.CorrelationId)
        && Matches(filter.Subject, envelope.Subject)
        && Matches(filter.MessageId, envelope.MessageId)
        && Matches(filter.ReplyTo, envelope.ReplyTo)
        && Matches(filter.ReplyToSessionId, envelope.ReplyToSessionId)
        && Matches(filter.SessionId, envelope.SessionId)
        && Matches(filter.To, envelope.To)
        && filter.ApplicationProperties.All(pair =>
            envelope.ApplicationProperties.TryGetValue(pair.Key, out object? value) && ValuesEqual(value, pair.Value));

    private static bool Matches(string? expected, string? actual) =>
        expected is null || string.Equals(expected, actual, StringComparison.Ordinal);
}
