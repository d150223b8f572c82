using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

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
