namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>The entity definitions are invalid; the message names every offending entity.</summary>
public sealed class ServiceBusConfigurationException : Exception
{
    public ServiceBusConfigurationException()
    {
    }

    public ServiceBusConfigurationException(string message)
        : base(message)
    {
    }

    public ServiceBusConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
