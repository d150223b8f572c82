using System.Collections.Concurrent;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>Where a started worker process and the event stream it opens meet, by the worker id the host gave it.</summary>
internal sealed class WorkerRendezvous
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WorkerChannel>> expected = new(StringComparer.Ordinal);

    public Task<WorkerChannel> ExpectAsync(string workerId) =>
        expected.GetOrAdd(workerId, _ => new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string workerId) => expected.TryRemove(workerId, out _);

    /// <returns>False for a worker this host did not start (or no longer waits for).</returns>
    public bool TryAttach(string workerId, WorkerChannel channel) =>
        expected.TryRemove(workerId, out var waiting) && waiting.TrySetResult(channel);
}
