namespace HumanSecurityAlerts.Email;

/// <summary>A message was not accepted. The message never contains the recipient's address.</summary>
public sealed class EmailSendException : Exception
{
    public EmailSendException()
    {
    }

    public EmailSendException(string message)
        : base(message)
    {
    }

    public EmailSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailSendException(string message, bool isTransient, int? smtpStatusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        SmtpStatusCode = smtpStatusCode;
    }

    /// <summary>True when trying again later may succeed (4xx reply, connection or timeout problem).</summary>
    public bool IsTransient { get; }

    /// <summary>The SMTP reply code when the server refused the message, e.g. 451 or 550.</summary>
    public int? SmtpStatusCode { get; }
}
