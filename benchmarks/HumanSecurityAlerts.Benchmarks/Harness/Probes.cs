using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Memory of the measured phase only: a full GC first, then the kernel's peak-RSS mark (VmHWM, what
/// <see cref="Process.PeakWorkingSet64"/> reads on Linux) is reset through <c>/proc/self/clear_refs</c>, so seeding does
/// not count; the managed heap is sampled every 20 ms; allocated bytes are the difference of
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>. The process holds the harness, the app and the in-process broker
/// (and, per scenario, the webhook receiver or the SMTP server); Azurite is a separate node process, not counted.
/// </summary>
internal sealed class MemoryProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampler;
    private readonly long allocatedBefore;
    private readonly int[] collectionsBefore;
    private readonly TimeSpan cpuBefore;
    private readonly TimeSpan childCpuBefore;
    private readonly long started;
    private long peakHeap;

    private MemoryProbe(bool peakReset)
    {
        PeakReset = peakReset;
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        peakHeap = GC.GetTotalMemory(forceFullCollection: false);
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        childCpuBefore = ChildCpu();
        started = Stopwatch.GetTimestamp();
        sampler = SampleAsync(stop.Token);
    }

    /// <summary>False when the kernel refused the reset: the peak working set is then the process's since start.</summary>
    public bool PeakReset { get; }

    public static MemoryProbe Start()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        bool reset;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            reset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reset = false;
        }

        return new MemoryProbe(reset);
    }

    public async Task<MemoryFigures> StopAsync()
    {
        await stop.CancelAsync();
        await sampler;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemoryFigures(
            Stopwatch.GetElapsedTime(started),
            process.TotalProcessorTime - cpuBefore,
            ChildCpu() - childCpuBefore,
            process.PeakWorkingSet64,
            PeakReset,
            Math.Max(peakHeap, GC.GetTotalMemory(false)),
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore,
            GC.CollectionCount(0) - collectionsBefore[0],
            GC.CollectionCount(1) - collectionsBefore[1],
            GC.CollectionCount(2) - collectionsBefore[2]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await sampler;
        }

        stop.Dispose();
    }

    /// <summary>CPU time of this process's children (Azurite's node process when the harness started it), from /proc.</summary>
    private static TimeSpan ChildCpu()
    {
        var ticks = 0L;
        try
        {
            foreach (var dir in System.IO.Directory.EnumerateDirectories("/proc"))
            {
                var stat = Path.Combine(dir, "stat");
                if (!int.TryParse(Path.GetFileName(dir), out _) || !File.Exists(stat))
                {
                    continue;
                }

                string text;
                try
                {
                    text = File.ReadAllText(stat);
                }
                catch (IOException)
                {
                    continue;
                }

                // Fields after the command (which may hold spaces): state ppid ... utime(14) stime(15).
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == Environment.ProcessId)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(20, cancellationToken);
                var heap = GC.GetTotalMemory(false);
                if (heap > peakHeap)
                {
                    peakHeap = heap;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}

internal sealed record MemoryFigures(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan ChildCpu, long PeakWorkingSet, bool PeakReset, long PeakManagedHeap, long Allocated, int Gen0, int Gen1, int Gen2)
{
    public IEnumerable<(string, string)> Rows()
    {
        yield return ("CPU: this process / Azurite (child) / wall", string.Create(CultureInfo.InvariantCulture, $"{Cpu.TotalSeconds:F1} s / {ChildCpu.TotalSeconds:F1} s / {Elapsed.TotalSeconds:F1} s"));
        yield return ("peak working set (process)", Report.Mib(PeakWorkingSet) + (PeakReset ? " (measured phase)" : " (since process start)"));
        yield return ("peak managed heap (sampled)", Report.Mib(PeakManagedHeap));
        yield return ("allocated", Report.Mib(Allocated));
        yield return ("GCs gen0/gen1/gen2", string.Create(CultureInfo.InvariantCulture, $"{Gen0}/{Gen1}/{Gen2}"));
    }
}

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

internal static class Report
{
    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MiB");

    public static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F2} s");

    public static string Rate(double count, TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{count / t.TotalSeconds:F0} /s");

    public static void Print(string title, List<(string Name, string Value)> rows)
    {
        var list = rows.ToList();
        var width = Math.Max(10, list.Max(r => r.Name.Length));
        Console.WriteLine();
        Console.WriteLine("## " + title);
        Console.WriteLine();
        Console.WriteLine("| " + "figure".PadRight(width) + " | value |");
        Console.WriteLine("|" + new string('-', width + 2) + "|-------|");
        foreach (var (name, value) in list)
        {
            Console.WriteLine("| " + name.PadRight(width) + " | " + value + " |");
        }

        Console.WriteLine();
    }

    public static IEnumerable<(string, string)> Machine()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        yield return ("machine", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024 / 1024} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"));
        yield return ("load average (1/5/15 min) at end", load);
        yield return ("date (UTC)", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
    }
}
