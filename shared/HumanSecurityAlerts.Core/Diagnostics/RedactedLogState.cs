using System.Collections;
using System.Globalization;

namespace HumanSecurityAlerts.Diagnostics;

/// <summary>
/// A log entry's or scope's structured values and rendered text after <see cref="LogRedaction"/>. Keys (and
/// <c>{OriginalFormat}</c>) are kept, so structured sinks still get a template and named values; a value that
/// renders to text holding a token, secret or address is replaced by its redacted text.
/// </summary>
internal sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] values;
    private readonly string text;

    private RedactedLogState(KeyValuePair<string, object?>[] values, string text)
    {
        this.values = values;
        this.text = text;
    }

    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public static RedactedLogState From(IEnumerable<KeyValuePair<string, object?>> source, string text)
    {
        KeyValuePair<string, object?>[] copy = [.. source.Select(p => new KeyValuePair<string, object?>(p.Key, Redact(p.Value)))];

        return new RedactedLogState(copy, LogRedaction.Redact(text));
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;

    private static object? Redact(object? value)
    {
        // Numbers, dates, booleans and the like cannot hold a token: kept as they are, typed. (PathString and
        // QueryString are value types too, hence no blanket ValueType test.)
        if (value is null || value.GetType().IsPrimitive || value is Enum or decimal or DateTime or DateTimeOffset or TimeSpan or Guid)
        {
            return value;
        }

        var rendered = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var redacted = LogRedaction.Redact(rendered);
        return ReferenceEquals(redacted, rendered) ? value : redacted;
    }
}
