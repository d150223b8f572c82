namespace HumanSecurityAlerts.Email;

/// <summary>Section <c>Smtp</c>. Locally smtp4dev on localhost:2525.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS required by default; <see cref="SmtpSecurity.None"/> is for local catchers.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Send <see cref="UserName"/> and <see cref="Password"/> over a connection without TLS. Never in production.</summary>
    public bool AllowUnencryptedAuthentication { get; set; }

    public string FromAddress { get; set; } = "alerts@localhost";

    public string FromName { get; set; } = "Human Security Alerts";

    /// <summary>
    /// SMTP connections kept open at once, each carrying one message at a time: a message waits for the server's reply
    /// to each command, so several connections send several times as many. Within what the relay allows per client.
    /// </summary>
    public int Connections { get; set; } = 1;

    /// <summary>Per SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
