using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Pillars;

/// <summary>One of NATO's human security pillars, or the cross-cutting WPS agenda.</summary>
public sealed record Pillar(string Id, string NameEn, string NameFr, string DescriptionEn, string DescriptionFr, bool CrossCutting = false)
{
    public string Name(Language language) => language.Pick(NameEn, NameFr);

    public string Description(Language language) => language.Pick(DescriptionEn, DescriptionFr);
}
