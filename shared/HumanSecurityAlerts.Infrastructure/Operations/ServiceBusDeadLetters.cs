using System.Globalization;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Operations;

/// <summary>
/// The deliveries queue's dead-letter sub-queue. Replay receives in peek-lock: a chosen message is sent back to the
/// queue under a new message id (so duplicate detection lets it through) before it is completed; the others are
/// abandoned at the end, so they stay dead-lettered.
/// </summary>
internal sealed class ServiceBusDeadLetters(ServiceBusClient client, ServiceBusSenders senders, IOptions<ServiceBusOptions> bus) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetterView>> PeekAsync(int max, long? fromSequenceNumber, CancellationToken cancellationToken)
    {
        var receiver = client.CreateReceiver(bus.Value.DeliveriesQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        await using (receiver.ConfigureAwait(false))
        {
            var result = new List<DeadLetterView>();
            var from = fromSequenceNumber;
            while (result.Count < max)
            {
                var page = await receiver.PeekMessagesAsync(Math.Min(250, max - result.Count), from, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                result.AddRange(page.Select(m => View(m)));
                from = page[^1].SequenceNumber + 1;
            }

            return result;
        }
    }

    public async Task<IReadOnlyList<DeadLetterView>> ReplayAsync(Func<DeadLetterView, bool> choose, int? wanted, int maxScanned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choose);
        var receiver = client.CreateReceiver(bus.Value.DeliveriesQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, PrefetchCount = 0 });
        var replayed = new List<DeadLetterView>();
        var held = new List<ServiceBusReceivedMessage>();
        await using (receiver.ConfigureAwait(false))
        {
            try
            {
                var seen = 0;
                while (seen < maxScanned && (wanted is null || wanted > replayed.Count))
                {
                    var batch = await receiver.ReceiveMessagesAsync(Math.Min(100, maxScanned - seen), TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    seen += batch.Count;
                    foreach (var message in batch)
                    {
                        var view = DeliveryMessage.TryRead(message, out var request) ? View(message, request) : null;
                        if (view is null || !choose(view))
                        {
                            held.Add(message);
                            continue;
                        }

                        var run = "r" + message.SequenceNumber.ToString(CultureInfo.InvariantCulture);
                        await senders.DeliveriesQueue.SendMessageAsync(DeliveryMessage.Copy(message, request, run, 1), cancellationToken).ConfigureAwait(false);
                        await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                        replayed.Add(view);
                    }
                }
            }
            finally
            {
                foreach (var message in held)
                {
                    try
                    {
                        await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (ServiceBusException)
                    {
                        // The lock runs out anyway.
                    }
                }
            }
        }

        return replayed;
    }

    /// <param name="request">The decoded delivery, whose ids win over the message's properties.</param>
    private static DeadLetterView View(ServiceBusReceivedMessage m, DeliveryRequest? request = null)
    {
        string? P(string name) => m.ApplicationProperties.TryGetValue(name, out var v) ? v as string : null;
        return new DeadLetterView(
            m.SequenceNumber,
            m.MessageId,
            request?.DeliveryId ?? P(DeliveryMessage.DeliveryIdProperty),
            P(DeliveryMessage.PublicationIdProperty),
            request?.SubscriberId ?? P(DeliveryMessage.SubscriberIdProperty),
            P(DeliveryMessage.ChannelProperty),
            m.DeadLetterReason,
            m.DeadLetterErrorDescription,
            m.EnqueuedTime,
            m.DeliveryCount);
    }
}
