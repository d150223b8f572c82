using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>Calls and time per dependency (table reads and writes, sends), summed over concurrent calls.</summary>
internal sealed class CallProfile
{
    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            Add(name, start);
        }
    }

    public async Task TimeAsync(string name, Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            Add(name, start);
        }
    }

    public void Reset() => counters.Clear();

    /// <summary>Counts a call that began at <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp) and ends now.</summary>
    public void Record(string name, long start) => Add(name, start);

    public IEnumerable<(string, string)> Rows() =>
        counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (
            "  " + c.Key,
            string.Create(CultureInfo.InvariantCulture, $"{c.Value.Calls,8} calls, mean {c.Value.Ticks * 1000.0 / Stopwatch.Frequency / Math.Max(1, c.Value.Calls),8:F2} ms, sum {c.Value.Ticks / (double)Stopwatch.Frequency,8:F1} s")));

    private void Add(string name, long start)
    {
        var counter = counters.GetOrAdd(name, _ => new Counter());
        Interlocked.Increment(ref counter.Calls);
        Interlocked.Add(ref counter.Ticks, Stopwatch.GetTimestamp() - start);
    }

    private sealed class Counter
    {
#pragma warning disable SA1401, CA1051 // Fields, for Interlocked.
        public long Calls;
        public long Ticks;
#pragma warning restore SA1401, CA1051
    }
}
