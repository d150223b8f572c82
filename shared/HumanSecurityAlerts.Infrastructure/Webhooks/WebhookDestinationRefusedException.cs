namespace HumanSecurityAlerts.Webhooks;

/// <summary>The destination of a webhook call is not allowed; nothing was sent.</summary>
public sealed class WebhookDestinationRefusedException : IOException
{
    public WebhookDestinationRefusedException()
    {
    }

    public WebhookDestinationRefusedException(string message)
        : base(message)
    {
    }

    public WebhookDestinationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
