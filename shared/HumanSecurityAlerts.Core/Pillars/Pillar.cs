namespace HumanSecurityAlerts.Pillars;

/// <summary>One of NATO's human security pillars, or the cross-cutting WPS agenda.</summary>
public sealed record Pillar(string Id, string NameEn, string NameFr, string DescriptionEn, string DescriptionFr, bool CrossCutting = false)
{
    public string Name(string language) => language == "fr" ? NameFr : NameEn;

    public string Description(string language) => language == "fr" ? DescriptionFr : DescriptionEn;
}
