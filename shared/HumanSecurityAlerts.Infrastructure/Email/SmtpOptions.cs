namespace HumanSecurityAlerts.Email;

public enum SmtpSecurity
{
    /// <summary>Plain text (local catchers such as smtp4dev).</summary>
    None,
    StartTls,
    SslOnConnect,

    /// <summary>TLS on connect for port 465, else STARTTLS when offered.</summary>
    Auto,
}

/// <summary>Section <c>Smtp</c>. Locally smtp4dev on localhost:2525.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "alerts@localhost";

    public string FromName { get; set; } = "Human Security Alerts";

    /// <summary>Per SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
