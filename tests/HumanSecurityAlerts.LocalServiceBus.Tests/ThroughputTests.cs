using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Testing.ServiceBus;
using Xunit.Abstractions;

namespace HumanSecurityAlerts.LocalServiceBus.Tests;

public sealed class ThroughputTests(LocalServiceBusFixture broker, ITestOutputHelper output) : BrokerTest(broker)
{
    [Fact]
    public async Task Ten_thousand_messages_sent_in_batches_are_all_received_exactly_once()
    {
        const int count = 10_000;
        string queue = Broker.CreateQueue();
        await using ServiceBusSender sender = Client.CreateSender(queue);
        await using ServiceBusReceiver receiver = Client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = 500 });

        // Open the links (and JIT the client) first, so the figure measures the steady state.
        await sender.SendMessageAsync(Message("warm-up"));
        await receiver.CompleteMessageAsync(await receiver.ReceiveMessageAsync(Wait));
        var stopwatch = Stopwatch.StartNew();

        int sent = 0;
        while (sent < count)
        {
            // Small batches: the client's cost of adding to a batch grows with the batch's size.
            using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync(new CreateMessageBatchOptions { MaxSizeInBytes = 32 * 1024 });
            while (sent < count && batch.TryAddMessage(Message(sent.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                sent++;
            }

            await sender.SendMessagesAsync(batch);
        }

        TimeSpan sendTime = stopwatch.Elapsed;
        var received = new Dictionary<string, int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (received.Count < count)
        {
            IReadOnlyList<ServiceBusReceivedMessage> messages = await receiver.ReceiveMessagesAsync(500, TimeSpan.FromSeconds(2), timeout.Token);
            foreach (ServiceBusReceivedMessage message in messages)
            {
                received[message.MessageId] = received.GetValueOrDefault(message.MessageId) + 1;
            }

            await Task.WhenAll(messages.Select(message => receiver.CompleteMessageAsync(message, timeout.Token)));
        }

        stopwatch.Stop();
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        Assert.Equal(count, received.Count);
        Assert.All(received.Values, deliveries => Assert.Equal(1, deliveries));
        output.WriteLine(
            $"{count} messages: sent in {sendTime.TotalSeconds:F2} s, sent + received + completed in {stopwatch.Elapsed.TotalSeconds:F2} s " +
            $"= {count / stopwatch.Elapsed.TotalSeconds:F0} messages/s end to end ({count / sendTime.TotalSeconds:F0} messages/s sending).");
    }
}
