using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class QueueTests(LocalServiceBusFixture broker) : BrokerTest(broker)
{
    [Fact]
    public async Task Sent_message_round_trips_exactly()
    {
        string queue = Broker.CreateQueue();
        await using ServiceBusSender sender = Client.CreateSender(queue);
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        byte[] body = [0, 1, 2, 250, 255];
        var when = new DateTime(2021, 2, 25, 0, 0, 0, DateTimeKind.Utc);
        var message = new ServiceBusMessage(body)
        {
            MessageId = "m-1",
            Subject = "publication",
            ContentType = "application/json",
            CorrelationId = "corr-1",
            ApplicationProperties = { ["pillar"] = "protection-of-civilians", ["count"] = 3, ["flag"] = true, ["when"] = when },
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
        Assert.Equal(when, received.ApplicationProperties["when"]);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task Single_list_and_batch_sends_are_received_in_order_with_lock_token_sequence_number_and_delivery_count()
    {
        string queue = Broker.CreateQueue();
        await using ServiceBusSender sender = Client.CreateSender(queue);
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        await sender.SendMessageAsync(Message("1"));
        await sender.SendMessagesAsync([Message("2"), Message("3")]);
        using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
        Assert.True(batch.TryAddMessage(Message("4")));
        Assert.True(batch.TryAddMessage(Message("5")));
        await sender.SendMessagesAsync(batch);

        List<ServiceBusReceivedMessage> received = await ReceiveAsync(receiver, 5);

        Assert.Equal(["1", "2", "3", "4", "5"], received.Select(m => m.MessageId));
        Assert.Equal(received.Select(m => m.SequenceNumber).Order(), received.Select(m => m.SequenceNumber));
        Assert.Equal(5, received.Select(m => m.SequenceNumber).Distinct().Count());
        Assert.All(received, m =>
        {
            Assert.True(Guid.TryParse(m.LockToken, out Guid token) && token != Guid.Empty);
            Assert.Equal(1, m.DeliveryCount);
            Assert.True(m.LockedUntil > DateTimeOffset.UtcNow);
            Assert.True(m.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-1));
        });
        Assert.Equal(5, received.Select(m => m.LockToken).Distinct().Count());
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task Complete_removes_the_message_and_a_second_complete_reports_lock_lost()
    {
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        ServiceBusReceivedMessage message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.CompleteMessageAsync(message);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(message));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Abandoned_message_is_redelivered_with_a_higher_delivery_count()
    {
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        ServiceBusReceivedMessage first = await receiver.ReceiveMessageAsync(Wait);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["attempt"] = "first" });
        ServiceBusReceivedMessage second = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("a", second.MessageId);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(first.DeliveryCount + 1, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.Equal("first", second.ApplicationProperties["attempt"]);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Dead_lettered_message_is_readable_from_the_dead_letter_queue_with_reason_and_description()
    {
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Message("a", "payload"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
        await using ServiceBusReceiver deadLetters = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        ServiceBusReceivedMessage message = await receiver.ReceiveMessageAsync(Wait);
        await receiver.DeadLetterMessageAsync(message, "PoisonMessage", "The payload could not be parsed.");

        ServiceBusReceivedMessage dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.Equal("a", dead.MessageId);
        Assert.Equal("payload", dead.Body.ToString());
        Assert.Equal("PoisonMessage", dead.DeadLetterReason);
        Assert.Equal("The payload could not be parsed.", dead.DeadLetterErrorDescription);
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task Duplicate_message_id_within_the_window_is_dropped()
    {
        string queue = Broker.CreateQueue(new QueueOptions { RequiresDuplicateDetection = true, DuplicateDetectionHistoryTimeWindow = TimeSpan.FromMinutes(1) });
        await SendAsync(queue, Message("same", "first"));
        await SendAsync(queue, Message("same", "second"), Message("other"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        List<ServiceBusReceivedMessage> received = await ReceiveAsync(receiver, 2);

        Assert.Equal(["same", "other"], received.Select(m => m.MessageId));
        Assert.Equal("first", received[0].Body.ToString());
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task Expired_message_is_dead_lettered_when_the_queue_says_so()
    {
        string queue = Broker.CreateQueue(new QueueOptions { DefaultMessageTimeToLive = TimeSpan.FromMilliseconds(300), DeadLetteringOnMessageExpiration = true });
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver deadLetters = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        ServiceBusReceivedMessage dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.Equal("a", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
    }

    [Fact]
    public async Task Peek_returns_messages_without_locking_them()
    {
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Message("1"), Message("2"), Message("3"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);

        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(10);
        List<ServiceBusReceivedMessage> received = await ReceiveAsync(receiver, 3);

        Assert.Equal(["1", "2", "3"], peeked.Select(m => m.MessageId));
        Assert.Equal(peeked.Select(m => m.SequenceNumber), received.Select(m => m.SequenceNumber));
        Assert.All(received, m => Assert.Equal(1, m.DeliveryCount));
        IReadOnlyList<ServiceBusReceivedMessage> peekedWhileLocked = await receiver.PeekMessagesAsync(10, fromSequenceNumber: received[1].SequenceNumber);
        Assert.Equal(["2", "3"], peekedWhileLocked.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Receive_and_delete_removes_the_message_on_delivery()
    {
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Message("a"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        ServiceBusReceivedMessage message = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("a", message.MessageId);
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Unknown_entity_is_refused_as_not_found()
    {
        await using ServiceBusSender sender = Client.CreateSender("no-such-queue");
        await using ServiceBusReceiver receiver = Client.CreateReceiver("no-such-queue");

        var sendError = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(Message("a")));
        var receiveError = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(ShortWait));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, sendError.Reason);
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, receiveError.Reason);
    }

    [Fact]
    public async Task Session_receivers_are_refused_as_not_supported()
    {
        string queue = Broker.CreateQueue();

        // amqp:not-implemented on attach, which the client raises as NotSupportedException. Without the refusal the attach
        // would be echoed with the session id, and the client would hold a session that does not exist.
        var named = await Assert.ThrowsAsync<NotSupportedException>(() => Client.AcceptSessionAsync(queue, "session-1"));
        var next = await Assert.ThrowsAsync<NotSupportedException>(() => Client.AcceptNextSessionAsync(queue));

        Assert.Contains("Sessions are not supported", named.Message, StringComparison.Ordinal);
        Assert.Contains("Sessions are not supported", next.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_receivers_never_hold_the_same_message_at_the_same_time()
    {
        const int count = 300;
        string queue = Broker.CreateQueue();
        await SendAsync(queue, Enumerable.Range(0, count).Select(i => Message(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        var held = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var completed = new System.Collections.Concurrent.ConcurrentBag<string>();
        int overlaps = 0;

        async Task ConsumeAsync(int id)
        {
            await using ServiceBusReceiver receiver = Client.CreateReceiver(queue);
            while (completed.Count < count)
            {
                IReadOnlyList<ServiceBusReceivedMessage> messages = await receiver.ReceiveMessagesAsync(7, ShortWait);
                foreach (ServiceBusReceivedMessage message in messages)
                {
                    if (!held.TryAdd(message.MessageId, id))
                    {
                        Interlocked.Increment(ref overlaps);
                    }
                }

                await Task.Yield();
                foreach (ServiceBusReceivedMessage message in messages)
                {
                    held.TryRemove(message.MessageId, out _);
                    completed.Add(message.MessageId);
                    await receiver.CompleteMessageAsync(message);
                }
            }
        }

        await Task.WhenAll(ConsumeAsync(1), ConsumeAsync(2)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, overlaps);
        Assert.Equal(count, completed.Count);
        Assert.Equal(count, completed.Distinct().Count());
    }

    internal static async Task<List<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        using var timeout = new CancellationTokenSource(Wait);
        while (received.Count < count)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(count - received.Count, Wait, timeout.Token));
        }

        return received;
    }
}
