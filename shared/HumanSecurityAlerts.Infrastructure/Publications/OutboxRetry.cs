using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// After a send to the topic fails, sends the outbox again in the background — after 1 s, then doubling up to 30 s —
/// until a run goes through without a failed send, then starts the drains. A release posted while Service Bus is
/// unreachable goes out seconds after it returns rather than at the outbox timer's next minute. In memory only: the
/// timer stays the safety net for a process that stops.
/// </summary>
internal sealed partial class OutboxRetry(IServiceProvider services, TimeProvider time, ILogger<OutboxRetry> logger) : IOutboxRetry, IAsyncDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private Task running = Task.CompletedTask;
    private bool active;
    private bool failedSinceRun;

    public void SendFailed()
    {
        lock (gate)
        {
            failedSinceRun = true;
            if (active || stopping.IsCancellationRequested)
            {
                return;
            }

            active = true;
            running = Task.Run(() => RunAsync(stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        try
        {
            while (true)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    failedSinceRun = false;
                }

                var sent = 0;
                try
                {
                    // Resolved here: the publisher depends on this class.
                    sent = await services.GetRequiredService<PublicationPublisher>().DrainOutboxAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
                {
                    LogRunFailed(e);
                    lock (gate)
                    {
                        failedSinceRun = true;
                    }
                }

                if (sent > 0)
                {
                    LogSent(sent, delay.TotalSeconds);
                    services.GetService<IDrainKick>()?.Kick();
                }

                lock (gate)
                {
                    if (!failedSinceRun)
                    {
                        active = false;
                        return;
                    }
                }

                delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
            }
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                active = false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox retried: {Sent} publication(s) sent to the topic (last wait {DelaySeconds} s)")]
    private partial void LogSent(int sent, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying the outbox failed; trying again later")]
    private partial void LogRunFailed(Exception exception);
}
