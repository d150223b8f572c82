using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Which types the measured phase allocates, from the runtime's own allocation sampling (the GCAllocationTick event,
/// one per ~100 KB allocated, naming the type of the object that crossed the mark): a statistical picture, not a count.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int GCAllocationTick = 10;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool sampling;

    public void Start() => sampling = true;

    public IEnumerable<(string, string)> Rows(int top)
    {
        sampling = false;
        var total = bytesByType.Values.Sum();
        foreach (var (type, bytes) in bytesByType.OrderByDescending(p => p.Value).Take(top))
        {
            yield return ("  " + type, string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0,8:F1} MiB sampled ({100.0 * bytes / Math.Max(1, total):F1} %)"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!sampling || eventData.EventId != GCAllocationTick || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var i ? Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture) : 100_000;
        bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
