using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

[Collection(BrokerCollection.Name)]
public sealed class QueueTests(LocalServiceBusFixture broker) : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ServiceBusClient _client = new(broker.ConnectionString);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    [Fact]
    public async Task Sent_message_round_trips_exactly()
    {
        string queue = broker.CreateQueue();
        await using ServiceBusSender sender = _client.CreateSender(queue);
        await using ServiceBusReceiver receiver = _client.CreateReceiver(queue);
        byte[] body = [0, 1, 2, 250, 255];
        var message = new ServiceBusMessage(body)
        {
            MessageId = "m-1",
            Subject = "publication",
            ContentType = "application/json",
            CorrelationId = "corr-1",
            ApplicationProperties = { ["pillar"] = "protection-of-civilians", ["count"] = 3, ["flag"] = true, ["when"] = new DateTime(2021, 2, 25, 0, 0, 0, DateTimeKind.Utc) },
        };

        await sender.SendMessageAsync(message);
        ServiceBusReceivedMessage received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal(body, received.Body.ToArray());
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("publication", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("corr-1", received.CorrelationId);
        Assert.Equal("protection-of-civilians", received.ApplicationProperties["pillar"]);
        Assert.Equal(3, received.ApplicationProperties["count"]);
        Assert.Equal(true, received.ApplicationProperties["flag"]);
        Assert.Equal(new DateTime(2021, 2, 25, 0, 0, 0, DateTimeKind.Utc), received.ApplicationProperties["when"]);
        await receiver.CompleteMessageAsync(received);
    }
}
