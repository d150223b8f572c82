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
        // Due much later, so a loaded machine cannot let it fall due before the cancel arrives.
        long cancelled = await sender.ScheduleMessageAsync(Message("cancelled"), DateTimeOffset.UtcNow.AddMinutes(10));
        await sender.CancelScheduledMessageAsync(cancelled);

        Assert.NotEqual(kept, cancelled);
        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(10, fromSequenceNumber: 0);
        Assert.Equal([kept], peeked.Select(m => m.SequenceNumber));
        ServiceBusReceivedMessage received = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("kept", received.MessageId);
        Assert.Equal(kept, received.SequenceNumber);
        Assert.True(DateTimeOffset.UtcNow >= due);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task Peek_lists_scheduled_messages_in_sequence_with_their_state_until_cancelled()
    {
        string queue = Broker.CreateQueue();
        await using ServiceBusSender sender = Client.CreateSender(queue);
        DateTimeOffset due = DateTimeOffset.UtcNow.AddMinutes(5);
        await sender.SendMessageAsync(Message("active-1"));
        long scheduled = await sender.ScheduleMessageAsync(Message("scheduled"), due);
        await sender.SendMessageAsync(Message("active-2"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        // Two pages: the client peeks on from the last sequence number it saw, so paging must cross the scheduled message too.
        List<ServiceBusReceivedMessage> peeked = [.. await receiver.PeekMessagesAsync(2), .. await receiver.PeekMessagesAsync(2)];

        Assert.Equal(["active-1", "scheduled", "active-2"], peeked.Select(m => m.MessageId));
        Assert.Equal([ServiceBusMessageState.Active, ServiceBusMessageState.Scheduled, ServiceBusMessageState.Active], peeked.Select(m => m.State));
        Assert.Equal(scheduled, peeked[1].SequenceNumber);
        Assert.Equal(due.ToUnixTimeMilliseconds(), peeked[1].ScheduledEnqueueTime.ToUnixTimeMilliseconds());

        await sender.CancelScheduledMessageAsync(scheduled);
        Assert.Equal(["active-1", "active-2"], (await receiver.PeekMessagesAsync(10, fromSequenceNumber: 0)).Select(m => m.MessageId));
    }
}
