using System.Globalization;

namespace HumanSecurityAlerts.Benchmarks.Harness;

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
