using System.Globalization;

namespace HumanSecurityAlerts.LocalComponents;

/// <summary>A process that listens on a port (see <see cref="PortOwner"/>), with its command line, shortened if long.</summary>
public sealed record ListeningProcess(int Id, string CommandLine)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"pid {Id}: {CommandLine}");
}
