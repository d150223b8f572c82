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
    public async Task Sql_filters_order_numbers_by_value_and_strings_ordinally_and_a_missing_property_matches_no_comparison()
    {
        string topic = Broker.CreateTopic(new Dictionary<string, SubscriptionOptions>
        {
            ["urgent"] = Sql("priority > 5"),
            ["routine"] = Sql("priority <= 5"),
            ["middle"] = Sql("priority >= 3 AND priority < 9"),
            ["late-alphabet"] = Sql("region > 'm'"),
        });
        var messages = new List<ServiceBusMessage>();
        foreach ((string id, object? priority, string region) in new (string, object?, string)[]
        {
            ("p2", 2, "africa"), ("p5", 5L, "europe"), ("p6", 6, "oceania"), ("p7.5", 7.5, "asia"), ("p9", 9, "pacific"), ("none", null, "m"),
        })
        {
            ServiceBusMessage message = Message(id);
            message.ApplicationProperties["region"] = region;
            if (priority is not null)
            {
                message.ApplicationProperties["priority"] = priority;
            }

            messages.Add(message);
        }

        await SendAsync(topic, [.. messages]);

        Assert.Equal(["p6", "p7.5", "p9"], await ReceiveAllAsync(topic, "urgent", 3));
        Assert.Equal(["p2", "p5"], await ReceiveAllAsync(topic, "routine", 2));
        Assert.Equal(["p5", "p6", "p7.5"], await ReceiveAllAsync(topic, "middle", 3));
        Assert.Equal(["p6", "p9"], await ReceiveAllAsync(topic, "late-alphabet", 2));
        static SubscriptionOptions Sql(string expression) => new() { Rules = [new SubscriptionRule("rule") { SqlExpression = expression }] };
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
