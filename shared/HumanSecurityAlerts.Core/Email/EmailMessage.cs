namespace HumanSecurityAlerts.Email;

/// <summary>One email to one recipient. <paramref name="Headers"/> carries e.g. List-Unsubscribe and List-Unsubscribe-Post.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string? Html = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>"en" or "fr": the language the message is written in (sent as <c>Content-Language</c>).</summary>
    public required string Language { get; init; }
}
