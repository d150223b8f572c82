using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Messaging;

internal sealed class ServiceBusOptionsValidator : IValidateOptions<ServiceBusOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceBusOptions options)
    {
        const string Section = ServiceBusOptions.SectionName;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                var properties = ServiceBusConnectionStringProperties.Parse(options.ConnectionString);
                return properties.Endpoint is null
                    ? ValidateOptionsResult.Fail($"Setting '{Section}' is not a valid Service Bus connection string (no Endpoint).")
                    : ValidateOptionsResult.Success;
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return ValidateOptionsResult.Fail($"Setting '{Section}' is not a valid Service Bus connection string ({e.GetType().Name}).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.FullyQualifiedNamespace))
        {
            return ValidateOptionsResult.Fail($"Setting '{Section}' is missing: set it to a Service Bus connection string, or set '{Section}__fullyQualifiedNamespace' for an identity-based connection.");
        }

        return Uri.CheckHostName(options.FullyQualifiedNamespace) == UriHostNameType.Dns
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting '{Section}__fullyQualifiedNamespace' must be a host name such as 'name.servicebus.windows.net'.");
    }
}
