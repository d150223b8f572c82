using HumanSecurityAlerts.LocalServiceBus;
using Xunit;

namespace HumanSecurityAlerts.Testing.ServiceBus;

/// <summary>
/// Starts the local Service Bus broker on a free loopback port with the entities of
/// <c>infra/servicebus-entities.json</c>. Tests that run in parallel create their own uniquely named
/// entities with <see cref="CreateQueue"/> / <see cref="CreateTopic"/> instead of sharing the file's.
/// </summary>
public sealed class LocalServiceBusFixture : IAsyncLifetime
{
    public LocalServiceBusBroker Broker { get; } = new();

    public string ConnectionString => Broker.ConnectionString;

    public async Task InitializeAsync()
    {
        Broker.LoadEntities(RepositoryPaths.Combine("infra", "servicebus-entities.json"));
        await Broker.StartAsync();
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    /// <summary>Creates a queue with a unique name starting with <paramref name="prefix"/> and returns the name.</summary>
    public string CreateQueue(QueueOptions? options = null, string prefix = "test")
    {
        string name = UniqueName(prefix);
        Broker.AddQueue(name, options);
        return name;
    }

    /// <summary>Creates a topic with a unique name and the given subscriptions (name → options) and returns the topic's name.</summary>
    public string CreateTopic(IReadOnlyDictionary<string, SubscriptionOptions> subscriptions, TopicOptions? options = null, string prefix = "test")
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        string name = UniqueName(prefix);
        Broker.AddTopic(name, options);
        foreach ((string subscription, SubscriptionOptions subscriptionOptions) in subscriptions)
        {
            Broker.AddSubscription(name, subscription, subscriptionOptions);
        }

        return name;
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
