namespace HumanSecurityAlerts.Email;

public enum SmtpSecurity
{
    /// <summary>Plain text (local catchers such as smtp4dev).</summary>
    None,
    StartTls,
    SslOnConnect,

    /// <summary>TLS on connect for port 465, else STARTTLS when offered: a man in the middle can strip the offer.</summary>
    Auto,
}
