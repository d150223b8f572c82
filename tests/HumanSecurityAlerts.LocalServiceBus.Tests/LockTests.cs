using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class LockTests(LocalServiceBusFixture broker) : BrokerTest(broker)
{
    private static readonly QueueOptions ShortLock = new() { LockDuration = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task Expired_lock_redelivers_the_message_and_the_old_lock_token_is_lost()
    {
        string queue = Broker.CreateQueue(ShortLock);
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        ServiceBusReceivedMessage first = await receiver.ReceiveMessageAsync(Wait);
        ServiceBusReceivedMessage second = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("a", second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.True(second.EnqueuedTime == first.EnqueuedTime && second.SequenceNumber == first.SequenceNumber);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Renewing_the_lock_keeps_the_message_past_the_lock_duration()
    {
        // Renewals every 700 ms keep a 2 s lock with a wide margin for a loaded machine, for longer than the lock lasts.
        string queue = Broker.CreateQueue(new QueueOptions { LockDuration = TimeSpan.FromSeconds(2) });
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        await using ServiceBusReceiver other = Client.CreateReceiver(queue);

        ServiceBusReceivedMessage message = await receiver.ReceiveMessageAsync(Wait);
        DateTimeOffset firstLock = message.LockedUntil;
        for (int i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            await receiver.RenewMessageLockAsync(message);
        }

        Assert.True(message.LockedUntil > firstLock.AddSeconds(1.5), $"{message.LockedUntil:O} should be well after {firstLock:O}");
        Assert.Null(await other.ReceiveMessageAsync(ShortWait));
        await receiver.CompleteMessageAsync(message);
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.RenewMessageLockAsync(message));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
    }

    [Fact]
    public async Task Exceeding_max_delivery_count_by_abandon_dead_letters_the_message()
    {
        string queue = Broker.CreateQueue(new QueueOptions { MaxDeliveryCount = 3 });
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        await using ServiceBusReceiver deadLetters = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        for (int delivery = 1; delivery <= 3; delivery++)
        {
            ServiceBusReceivedMessage message = await receiver.ReceiveMessageAsync(Wait);
            Assert.Equal(delivery, message.DeliveryCount);
            await receiver.AbandonMessageAsync(message);
        }

        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        ServiceBusReceivedMessage dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("a", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        await deadLetters.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task Exceeding_max_delivery_count_by_lock_expiry_dead_letters_the_message()
    {
        string queue = Broker.CreateQueue(ShortLock with { MaxDeliveryCount = 1 });
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        await using ServiceBusReceiver deadLetters = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        Assert.NotNull(await receiver.ReceiveMessageAsync(Wait));
        ServiceBusReceivedMessage dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Equal("a", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }
}
