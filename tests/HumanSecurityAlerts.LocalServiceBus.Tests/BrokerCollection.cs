using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

/// <summary>One broker for the whole suite; each test makes its own uniquely named entities.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<LocalServiceBusFixture>
{
    public const string Name = "Local Service Bus";
}
