using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.UnitTests.Pillars;

public sealed class PillarIdTests
{
    public static TheoryData<string> CatalogueIds { get; } = [.. PillarCatalog.All.Select(p => p.Id)];

    [Theory]
    [MemberData(nameof(CatalogueIds))]
    public void Every_catalogue_id_parses_and_gives_itself_back(string id)
    {
        Assert.True(PillarId.TryParse(id, out var pillar));
        Assert.Equal(id, pillar.ToString());
        Assert.Equal(id, pillar.Pillar.Id);
        Assert.True(PillarId.TryParse(pillar.ToString(), out var again));
        Assert.Equal(pillar, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Protection-Of-Civilians")]
    [InlineData(" protection-of-civilians")]
    [InlineData("protection-of-civilians,children-and-armed-conflict")]
    [InlineData("none")]
    public void Anything_else_is_refused(string? id)
    {
        Assert.False(PillarId.TryParse(id, out var pillar));
        Assert.Equal(default, pillar);
    }

    [Fact]
    public void All_follows_the_catalogue_order()
    {
        Assert.Equal(PillarCatalog.All.Select(p => p.Id), PillarId.All.Select(p => p.ToString()));
    }

    [Fact]
    public void A_default_id_is_not_a_pillar()
    {
        Assert.Equal("", default(PillarId).ToString());
        Assert.Throws<InvalidOperationException>(() => default(PillarId).Pillar);
    }

    [Fact]
    public void A_stored_id_is_named_in_each_language_or_shown_as_it_is()
    {
        Assert.Equal("Protection des civils", PillarCatalog.NameOf(PillarCatalog.ProtectionOfCivilians, Language.Fr));
        Assert.Equal("Protection of civilians", PillarCatalog.NameOf(PillarCatalog.ProtectionOfCivilians, Language.En));
        Assert.Equal("retired-pillar", PillarCatalog.NameOf("retired-pillar", Language.Fr));
    }
}
