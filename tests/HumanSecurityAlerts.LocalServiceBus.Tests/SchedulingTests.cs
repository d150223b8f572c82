using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class SchedulingTests(LocalServiceBusFixture broker) : BrokerTest(broker)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Message_with_a_scheduled_enqueue_time_is_invisible_until_then()
    {
        string queue = Broker.CreateQueue();
        DateTimeOffset due = DateTimeOffset.UtcNow + Delay;
        ServiceBusMessage message = Message("later");
        message.ScheduledEnqueueTime = due;
        await SendAsync(queue, message);
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        // The receiver waits from before the due time, so receiving at or after it proves the message was invisible until then.
        ServiceBusReceivedMessage received = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("later", received.MessageId);
        Assert.True(DateTimeOffset.UtcNow >= due);
        Assert.True(received.EnqueuedTime >= due.AddMilliseconds(-1));
    }

    [Fact]
    public async Task Schedule_message_returns_a_sequence_number_that_cancels_it()
    {
        string queue = Broker.CreateQueue();
        await using ServiceBusSender sender = Client.CreateSender(queue);
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        DateTimeOffset due = DateTimeOffset.UtcNow + Delay;

        long kept = await sender.ScheduleMessageAsync(Message("kept"), due);
        long cancelled = await sender.ScheduleMessageAsync(Message("cancelled"), due);
        await sender.CancelScheduledMessageAsync(cancelled);

        Assert.NotEqual(kept, cancelled);
        ServiceBusReceivedMessage received = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("kept", received.MessageId);
        Assert.Equal(kept, received.SequenceNumber);
        Assert.True(DateTimeOffset.UtcNow >= due);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }
}
