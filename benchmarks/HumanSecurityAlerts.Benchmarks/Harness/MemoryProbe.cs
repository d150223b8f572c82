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
