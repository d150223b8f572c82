using System.Globalization;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A compiled subscription rule.</summary>
internal abstract class MessageFilter
{
    public abstract bool Matches(MessageEnvelope envelope);

    /// <exception cref="ServiceBusConfigurationException">The rule has no filter, or its SQL is outside the supported subset.</exception>
    public static MessageFilter Create(SubscriptionRule rule) => rule switch
    {
        { Correlation: { } correlation, SqlExpression: null } => new CorrelationMessageFilter(correlation),
        { Correlation: null, SqlExpression: { } sql } => SqlMessageFilter.Parse(rule.Name, sql),
        _ => throw new ServiceBusConfigurationException($"Rule '{rule.Name}' must have exactly one of a correlation filter and a SQL filter."),
    };

    protected static bool IsSystemProperty(string name) => name.ToUpperInvariant() is
        "MESSAGEID" or "CORRELATIONID" or "LABEL" or "SUBJECT" or "CONTENTTYPE" or "TO" or "REPLYTO" or "SESSIONID" or "REPLYTOSESSIONID";

    /// <summary>The system property a SQL filter names with sys. (Label is the Subject).</summary>
    protected static string? GetSystemProperty(MessageEnvelope envelope, string name) => name.ToUpperInvariant() switch
    {
        "MESSAGEID" => envelope.MessageId,
        "CORRELATIONID" => envelope.CorrelationId,
        "LABEL" or "SUBJECT" => envelope.Subject,
        "CONTENTTYPE" => envelope.ContentType,
        "TO" => envelope.To,
        "REPLYTO" => envelope.ReplyTo,
        "SESSIONID" => envelope.SessionId,
        "REPLYTOSESSIONID" => envelope.ReplyToSessionId,
        _ => null,
    };

    /// <summary>Compares values the way Service Bus does: strings ordinally, numbers by value whatever their width.</summary>
    protected static bool ValuesEqual(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return false;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Convert.ToDecimal(left, CultureInfo.InvariantCulture) == Convert.ToDecimal(right, CultureInfo.InvariantCulture);
        }

        return left is string leftText && right is string rightText
            ? string.Equals(leftText, rightText, StringComparison.Ordinal)
            : left.Equals(right);
    }

    /// <summary>
    /// Orders values for &lt;, &gt;, &lt;= and &gt;=: numbers by value, strings ordinally, times chronologically. Null when
    /// either side is missing or the types cannot be compared, which makes every comparison false (SQL's unknown).
    /// </summary>
    protected static int? CompareValues(object? left, object? right) => (left, right) switch
    {
        (null, _) or (_, null) => null,
        // Doubles may not fit a decimal; any other pair of numbers is compared exactly.
        (float or double, _) or (_, float or double) when IsNumber(left) && IsNumber(right) =>
            Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture)),
        _ when IsNumber(left) && IsNumber(right) =>
            Convert.ToDecimal(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right, CultureInfo.InvariantCulture)),
        (string leftText, string rightText) => string.CompareOrdinal(leftText, rightText),
        (DateTime leftTime, DateTime rightTime) => leftTime.CompareTo(rightTime),
        _ => null,
    };

    private static bool IsNumber(object value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
}
