using System.Globalization;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>Names the process that listens on a local TCP port, so that "port in use" can say by what.</summary>
public static class PortOwner
{
    private const string Listening = "0A";
    private const int MaxCommandLineLength = 160;

    /// <returns>
    /// The process, or null where that cannot be told: on systems other than Linux, or for a process of another user,
    /// whose descriptors this one may not read.
    /// </returns>
    public static ListeningProcess? Find(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var sockets = ListeningSockets(port);
        if (sockets.Count == 0)
        {
            return null;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    // A socket's descriptor links to "socket:[inode]".
                    if (new FileInfo(descriptor).LinkTarget is { } target && sockets.Contains(target))
                    {
                        return new ListeningProcess(pid, CommandLine(directory));
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                // Another user's process, or one that has just exited.
            }
        }

        return null;
    }

    /// <summary>The sockets listening on <paramref name="port"/> (IPv4 and IPv6), as "socket:[inode]".</summary>
    private static HashSet<string> ListeningSockets(int port)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9
                    && columns[3] == Listening
                    && int.TryParse(columns[1].AsSpan(columns[1].LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var local)
                    && local == port)
                {
                    sockets.Add($"socket:[{columns[9]}]");
                }
            }
        }

        return sockets;
    }

    private static string CommandLine(string processDirectory)
    {
        var commandLine = File.ReadAllText(Path.Combine(processDirectory, "cmdline")).TrimEnd('\0').Replace('\0', ' ').ReplaceLineEndings(" ");
        return commandLine.Length <= MaxCommandLineLength ? commandLine : commandLine[..MaxCommandLineLength] + "...";
    }
}
