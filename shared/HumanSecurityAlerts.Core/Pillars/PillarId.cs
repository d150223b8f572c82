using System.Diagnostics.CodeAnalysis;

namespace HumanSecurityAlerts.Pillars;

/// <summary>
/// The id of a pillar of the <see cref="PillarCatalog"/>, checked once where it comes in (a request, a query, a
/// message); <see cref="ToString"/> gives the wire id back for storage keys, messages and URLs.
/// </summary>
public readonly record struct PillarId
{
    private readonly Pillar? pillar;

    private PillarId(Pillar pillar) => this.pillar = pillar;

    /// <summary>The catalogue's entry (names and descriptions).</summary>
    public Pillar Pillar => pillar ?? throw new InvalidOperationException("default(PillarId) is no pillar: ids come from TryParse or All.");

    /// <summary>The ids of the catalogue, in its order.</summary>
    public static IReadOnlyList<PillarId> All { get; } = [.. PillarCatalog.All.Select(p => new PillarId(p))];

    public static bool TryParse([NotNullWhen(true)] string? id, out PillarId pillarId)
    {
        if (PillarCatalog.TryGet(id, out var found))
        {
            pillarId = new PillarId(found);
            return true;
        }

        pillarId = default;
        return false;
    }

    public override string ToString() => pillar?.Id ?? "";
}
