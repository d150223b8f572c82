namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// Section <c>ServiceBus</c>. Locally its value is a connection string; in Azure it is an identity-based
/// connection (<c>ServiceBus__fullyQualifiedNamespace</c>, optionally <c>ServiceBus__clientId</c>).
/// Entity names match <c>infra/servicebus-entities.json</c>.
/// </summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "ServiceBus";

    public string? ConnectionString { get; set; }

    public string? FullyQualifiedNamespace { get; set; }

    public string? ClientId { get; set; }

    public string PublicationsTopic { get; set; } = "publications";

    public string FanOutSubscription { get; set; } = "fan-out";

    public string DeliveriesQueue { get; set; } = "deliveries";
}
