using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Messaging;

/// <summary>
/// Receives in peek-lock and settles, with bounded concurrency: it only asks for as many messages as it has free
/// slots, so no message waits in a buffer while its lock runs out; locks of long-running messages are renewed. Ends
/// when a receive call finds nothing (or after <see cref="DrainSettings.MaxDuration"/>); a timer starts the next run.
/// A handler that throws gets its message abandoned (the entity's MaxDeliveryCount dead-letters a poison message).
/// When the run's cancellation token fires, messages being handled are left unsettled, as if the process died:
/// their locks expire and the broker redelivers them.
/// </summary>
internal sealed partial class MessageDrain(ServiceTelemetry telemetry, ILogger<MessageDrain> logger)
{
    /// <param name="rescheduled">Told the due time of every retry this run schedules.</param>
    public async Task<DrainResult> RunAsync(string entity, ServiceBusReceiver receiver, ServiceBusSender? retrySender, IMessageHandler handler, DrainSettings settings, CancellationToken cancellationToken, Action<DateTimeOffset>? rescheduled = null)
    {
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
        var running = new List<Task>();
        var counts = new int[5];
        try
        {
            while (!cancellationToken.IsCancellationRequested && clock.Elapsed < settings.MaxDuration)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                var take = 1;
                while (take < settings.ReceiveBatchSize && slots.Wait(0, CancellationToken.None))
                {
                    take++;
                }

                IReadOnlyList<ServiceBusReceivedMessage> messages;
                try
                {
                    messages = await receiver.ReceiveMessagesAsync(take, settings.ReceiveWait, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release(take);
                    throw;
                }

                if (messages.Count < take)
                {
                    slots.Release(take - messages.Count);
                }

                if (messages.Count == 0)
                {
                    break;
                }

                Interlocked.Add(ref counts[0], messages.Count);
                foreach (var message in messages)
                {
                    running.Add(ProcessAsync(entity, receiver, retrySender, handler, message, settings, counts, slots, rescheduled, cancellationToken));
                }

                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is running finishes or is left unsettled below.
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        var result = new DrainResult(counts[0], counts[1], counts[2], counts[3], counts[4]);
        if (result.Received > 0)
        {
            LogDrained(entity, result.Received, result.Completed, result.Rescheduled, result.DeadLettered, result.Abandoned, clock.ElapsedMilliseconds);
        }

        return result;
    }

    private async Task ProcessAsync(string entity, ServiceBusReceiver receiver, ServiceBusSender? retrySender, IMessageHandler handler, ServiceBusReceivedMessage message, DrainSettings settings, int[] counts, SemaphoreSlim slots, Action<DateTimeOffset>? rescheduled, CancellationToken cancellationToken)
    {
        await Task.Yield();

        // Continues the trace of whoever sent the message (the release, the fan-out), not the timer's.
        using var activity = ServiceTelemetry.StartActivity("process " + entity, ActivityKind.Consumer, ServiceBusTraceContext.Extract(message));
        activity?.SetTag("messaging.system", "servicebus");
        activity?.SetTag("messaging.destination.name", entity);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("messaging.servicebus.message.delivery_count", message.DeliveryCount);
        try
        {
            MessageDecision decision;
            using (var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var renewing = RenewAsync(receiver, message, settings.LockRenewInterval, renewal.Token);
                try
                {
                    decision = await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogHandlerFailed(e, entity, message.MessageId, message.DeliveryCount);
                    decision = MessageDecision.Abandon;
                }
                finally
                {
                    await renewal.CancelAsync().ConfigureAwait(false);
                    await renewing.ConfigureAwait(false);
                }
            }

            if (await SettleAsync(receiver, retrySender, handler, message, decision).ConfigureAwait(false) is { } due)
            {
                rescheduled?.Invoke(due);
            }

            activity?.SetTag(ServiceTelemetry.OutcomeTag, decision.Settlement.ToString().ToLowerInvariant());
            if (decision.Settlement is MessageSettlement.DeadLetter)
            {
                telemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", entity), new KeyValuePair<string, object?>("hsa.reason", decision.Reason ?? "Failed"));
                // An operator must see it: nothing retries a dead letter until someone replays it.
                LogDeadLettered(entity, message.MessageId, message.DeliveryCount, decision.Reason ?? "Failed", Truncate(decision.Description));
            }

            Interlocked.Increment(ref counts[decision.Settlement switch
            {
                MessageSettlement.Complete => 1,
                MessageSettlement.Reschedule => 2,
                MessageSettlement.DeadLetter => 3,
                _ => 4,
            }]);
        }
        catch (ServiceBusException e) when (e.Reason is ServiceBusFailureReason.MessageLockLost)
        {
            LogLockLost(entity, message.MessageId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSettleFailed(e, entity, message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <returns>When a retry was scheduled, its due time.</returns>
    private static async Task<DateTimeOffset?> SettleAsync(ServiceBusReceiver receiver, ServiceBusSender? retrySender, IMessageHandler handler, ServiceBusReceivedMessage message, MessageDecision decision)
    {
        switch (decision.Settlement)
        {
            case MessageSettlement.Complete:
                await receiver.CompleteMessageAsync(message, CancellationToken.None).ConfigureAwait(false);
                break;
            case MessageSettlement.Reschedule when retrySender is not null:
                var copy = handler.CreateRetry(message, decision);
                copy.ScheduledEnqueueTime = decision.At ?? DateTimeOffset.UtcNow;
                await retrySender.SendMessageAsync(copy, CancellationToken.None).ConfigureAwait(false);
                await receiver.CompleteMessageAsync(message, CancellationToken.None).ConfigureAwait(false);
                return copy.ScheduledEnqueueTime;
            case MessageSettlement.DeadLetter:
                await receiver.DeadLetterMessageAsync(message, decision.Reason ?? "Failed", Truncate(decision.Description), CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                break;
        }

        return null;
    }

    private static async Task RenewAsync(ServiceBusReceiver receiver, ServiceBusReceivedMessage message, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                await receiver.RenewMessageLockAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Done handling.
        }
        catch (ServiceBusException)
        {
            // The lock is lost; settling will say so.
        }
    }

    private static string? Truncate(string? value) => value is { Length: > 1000 } ? value[..1000] : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained {Entity}: {Received} received, {Completed} completed, {Rescheduled} rescheduled, {DeadLettered} dead-lettered, {Abandoned} abandoned in {ElapsedMs} ms")]
    private partial void LogDrained(string entity, int received, int completed, int rescheduled, int deadLettered, int abandoned, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling message {MessageId} from {Entity} failed (delivery {DeliveryCount}); abandoned")]
    private partial void LogHandlerFailed(Exception exception, string entity, string messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Entity} dead-lettered after {DeliveryCount} deliveries: {Reason}: {Description}")]
    private partial void LogDeadLettered(string entity, string messageId, int deliveryCount, string reason, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lock of message {MessageId} on {Entity} was lost; the broker redelivers it")]
    private partial void LogLockLost(string entity, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling message {MessageId} on {Entity} failed; the broker redelivers it")]
    private partial void LogSettleFailed(Exception exception, string entity, string messageId);
}
