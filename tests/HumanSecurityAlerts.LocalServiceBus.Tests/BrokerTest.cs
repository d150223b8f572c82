using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

/// <summary>
/// Each test class gets its own broker (so classes run in parallel) and a real <see cref="ServiceBusClient"/>;
/// each test makes its own uniquely named entities.
/// </summary>
public abstract class BrokerTest(LocalServiceBusFixture broker) : IClassFixture<LocalServiceBusFixture>, IAsyncDisposable
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    protected static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(300);

    protected LocalServiceBusFixture Broker { get; } = broker;

    protected ServiceBusClient Client { get; } = new(broker.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static ServiceBusMessage Message(string id, string? body = null) => new(BinaryData.FromString(body ?? id)) { MessageId = id };

    protected async Task SendAsync(string entity, params ServiceBusMessage[] messages)
    {
        await using ServiceBusSender sender = Client.CreateSender(entity);
        await sender.SendMessagesAsync(messages);
    }
}
