using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Pillars;

/// <summary>The fixed set of pillars; ids are stable and used in storage keys, messages and URLs.</summary>
public static class PillarCatalog
{
    public const string ProtectionOfCivilians = "protection-of-civilians";
    public const string ChildrenAndArmedConflict = "children-and-armed-conflict";
    public const string TraffickingInHumanBeings = "trafficking-in-human-beings";
    public const string ConflictRelatedSexualViolence = "conflict-related-sexual-violence";
    public const string CulturalPropertyProtection = "cultural-property-protection";
    public const string WomenPeaceAndSecurity = "women-peace-and-security";

    public static IReadOnlyList<Pillar> All { get; } =
    [
        new(ProtectionOfCivilians, "Protection of civilians", "Protection des civils",
            "Avoiding, minimising and mitigating harm to civilians, and protecting them from violence in armed conflict.",
            "Éviter, réduire et atténuer les dommages causés aux civils, et les protéger de la violence dans les conflits armés."),
        new(ChildrenAndArmedConflict, "Children and armed conflict", "Les enfants et les conflits armés",
            "Preventing and responding to the six grave violations against children in armed conflict.",
            "Prévenir les six violations graves commises contre les enfants dans les conflits armés et y répondre."),
        new(TraffickingInHumanBeings, "Combating trafficking in human beings", "Lutte contre la traite des êtres humains",
            "Preventing and combating trafficking in human beings linked to conflict and crisis.",
            "Prévenir et combattre la traite des êtres humains liée aux conflits et aux crises."),
        new(ConflictRelatedSexualViolence, "Preventing and responding to conflict-related sexual violence", "Prévention et lutte contre la violence sexuelle liée aux conflits",
            "Preventing sexual violence used in conflict, and supporting survivors.",
            "Prévenir la violence sexuelle commise dans les conflits, et soutenir les survivantes et survivants."),
        new(CulturalPropertyProtection, "Cultural property protection", "Protection des biens culturels",
            "Protecting cultural heritage from destruction, looting and trafficking in armed conflict.",
            "Protéger le patrimoine culturel contre la destruction, le pillage et le trafic dans les conflits armés."),
        new(WomenPeaceAndSecurity, "Women, peace and security (cross-cutting)", "Femmes, paix et sécurité (transversal)",
            "Women's participation in peace and security, and gender perspectives, as set out in UNSCR 1325.",
            "La participation des femmes à la paix et à la sécurité, et les perspectives de genre, selon la résolution 1325.",
            CrossCutting: true),
    ];

    private static readonly FrozenDictionary<string, Pillar> ById =
        All.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);

    public static bool TryGet(string? id, [NotNullWhen(true)] out Pillar? pillar)
    {
        pillar = null;
        return id is not null && ById.TryGetValue(id, out pillar);
    }

    /// <summary>The name of a stored pillar id in <paramref name="language"/>, or the id itself when the catalogue does not have it.</summary>
    public static string NameOf(string id, Language language) => TryGet(id, out var pillar) ? pillar.Name(language) : id;
}
