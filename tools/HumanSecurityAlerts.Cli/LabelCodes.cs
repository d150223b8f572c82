using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.Cli;

/// <summary>The short label codes of the evaluation files.</summary>
internal static class LabelCodes
{
    public const string None = "NONE";

    public static IReadOnlyList<(string Code, string PillarId)> Pillars { get; } =
    [
        ("PoC", PillarCatalog.ProtectionOfCivilians),
        ("CAAC", PillarCatalog.ChildrenAndArmedConflict),
        ("THB", PillarCatalog.TraffickingInHumanBeings),
        ("CRSV", PillarCatalog.ConflictRelatedSexualViolence),
        ("CPP", PillarCatalog.CulturalPropertyProtection),
        ("WPS", PillarCatalog.WomenPeaceAndSecurity),
    ];

    /// <summary>Every code, pillars first, then <see cref="None"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Pillars.Select(p => p.Code), None];

    public static string? ToPillarId(string code) =>
        Pillars.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase)).PillarId;

    public static string ToCode(string pillarId) => Pillars.First(p => p.PillarId == pillarId).Code;
}
