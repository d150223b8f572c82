using MimeKit;

namespace HumanSecurityAlerts.Testing.Email;

/// <param name="SessionId">Identifies the SMTP connection that carried the message, to check connection reuse.</param>
public sealed record CapturedEmail(string From, IReadOnlyList<string> Recipients, MimeMessage Message, Guid SessionId, DateTimeOffset ReceivedAt)
{
    public string Subject => Message.Subject ?? "";

    public string Text => Message.TextBody ?? "";

    public string Html => Message.HtmlBody ?? "";

    public string? Header(string name) => Message.Headers[name];
}
