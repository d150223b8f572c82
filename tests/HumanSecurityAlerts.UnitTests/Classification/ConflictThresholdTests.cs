using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.UnitTests.Classification;

/// <summary>
/// <see cref="ClassifierOptions.ConflictThresholdFactor"/>: in a text plainly about armed conflict, one
/// term that settles a pillar tags it; elsewhere, and for a second pillar, the full threshold holds.
/// </summary>
public class ConflictThresholdTests
{
    private const string AboutWar =
        "Des enfants soldats ont été vus dans les rangs des rebelles. Les combats entre l'armée et les milices ont repris " +
        "près de la ligne de front, et les groupes armés tiennent toujours la route du nord.";

    private static readonly PillarClassifier Classifier = new(new ClassifierOptions());

    [Fact]
    public void One_settling_term_tags_the_pillar_of_a_text_about_war()
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, AboutWar, "fr"));

        Assert.Equal([PillarCatalog.ChildrenAndArmedConflict], result.Pillars);
        Assert.True(result.Threshold < new ClassifierOptions().Threshold);
    }

    [Fact]
    public void The_same_term_in_a_text_that_is_not_about_war_stays_below_the_threshold()
    {
        const string body = "Le film raconte l'histoire d'enfants soldats. Il sort en salle mercredi et dure deux heures.";

        var result = Classifier.Classify(new ClassificationInput(null, null, body, "fr"));

        Assert.Empty(result.Pillars);
        Assert.Equal(new ClassifierOptions().Threshold, result.Threshold);
    }

    [Fact]
    public void A_factor_of_one_turns_it_off()
    {
        // The learned gate, which would add the pillar the vocabulary scored (LearnedGateTests), is off: this is the rule alone.
        var classifier = new PillarClassifier(new ClassifierOptions { ConflictThresholdFactor = 1, LearnedGate = false });

        Assert.Empty(classifier.Classify(new ClassificationInput(null, null, AboutWar, "fr")).Pillars);
    }

    [Fact]
    public void A_second_pillar_still_needs_the_full_threshold()
    {
        const string body =
            "Des enfants soldats ont été vus dans les rangs des rebelles, et le recrutement d'enfants continue. Les combats " +
            "entre les milices ont fait des victimes civiles près de la ligne de front, où les groupes armés tiennent la route.";

        var result = Classifier.Classify(new ClassificationInput(null, null, body, "fr"));

        Assert.Equal([PillarCatalog.ChildrenAndArmedConflict], result.Pillars);
        Assert.True(result.Scores[PillarCatalog.ProtectionOfCivilians] > 0);
    }
}
