using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class TopicTests(LocalServiceBusFixture broker) : BrokerTest(broker)
{
    [Fact]
    public async Task Topic_fans_out_to_filtered_and_unfiltered_subscriptions()
    {
        string topic = Broker.CreateTopic(new Dictionary<string, SubscriptionOptions>
        {
            ["all"] = new(),
            ["civilians"] = new()
            {
                Rules = [new SubscriptionRule("pillar") { Correlation = new CorrelationFilter { ApplicationProperties = new Dictionary<string, object> { ["pillar"] = "protection-of-civilians" } } }],
            },
            ["children-publications"] = new()
            {
                Rules = [new SubscriptionRule("sql") { SqlExpression = "pillar = 'children-and-armed-conflict' AND sys.Label = 'publication'" }],
            },
        });
        ServiceBusMessage civilians = Message("civilians");
        civilians.ApplicationProperties["pillar"] = "protection-of-civilians";
        ServiceBusMessage children = Message("children");
        children.ApplicationProperties["pillar"] = "children-and-armed-conflict";
        children.Subject = "publication";
        await SendAsync(topic, civilians, children);

        Assert.Equal(["civilians", "children"], await ReceiveAllAsync(topic, "all", 2));
        Assert.Equal(["civilians"], await ReceiveAllAsync(topic, "civilians", 1));
        Assert.Equal(["children"], await ReceiveAllAsync(topic, "children-publications", 1));
    }

    [Fact]
    public async Task Each_subscription_settles_its_own_copy()
    {
        string topic = Broker.CreateTopic(new Dictionary<string, SubscriptionOptions> { ["a"] = new(), ["b"] = new() });
        await SendAsync(topic, Message("m"));
        await using ServiceBusReceiver a = Client.CreateReceiver(topic, "a");
        await using ServiceBusReceiver b = Client.CreateReceiver(topic, "b");

        await a.CompleteMessageAsync(await a.ReceiveMessageAsync(Wait));
        ServiceBusReceivedMessage fromB = await b.ReceiveMessageAsync(Wait);
        await b.DeadLetterMessageAsync(fromB, "Rejected", "Not for b.");

        await using ServiceBusReceiver deadLetters = Client.CreateReceiver(topic, "b", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal("Rejected", (await deadLetters.ReceiveMessageAsync(Wait)).DeadLetterReason);
        Assert.Empty(await a.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Receiving_from_an_unknown_subscription_is_refused_as_not_found()
    {
        string topic = Broker.CreateTopic(new Dictionary<string, SubscriptionOptions> { ["a"] = new() });
        await using ServiceBusReceiver unknown = Client.CreateReceiver(topic, "missing");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => unknown.ReceiveMessageAsync(ShortWait));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    private async Task<List<string>> ReceiveAllAsync(string topic, string subscription, int count)
    {
        await using ServiceBusReceiver receiver = Client.CreateReceiver(topic, subscription);
        List<ServiceBusReceivedMessage> received = await QueueTests.ReceiveAsync(receiver, count);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        return received.Select(m => m.MessageId).ToList();
    }
}
