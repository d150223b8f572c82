using System.Text.Json;

using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing;

namespace HumanSecurityAlerts.UnitTests.Classification;

/// <summary>The learned gate (<see cref="ClassifierOptions.LearnedGate"/>) and its embedded model.</summary>
public class LearnedGateTests
{
    // Written for these tests. The vocabulary sees the church and the looting, not enough to tag cultural property.
    private const string ChurchTitle = "Une église du village détruite par les frappes";
    private const string ChurchBody =
        "Les habitants ont retrouvé les ruines de leur église, bâtie au XVe siècle, après une nuit de frappes d'artillerie. " +
        "Des icônes anciennes ont été emportées par des soldats, selon le prêtre. Des archéologues de la région demandent que " +
        "les destructions soient documentées avant l'hiver.";

    // Written for these tests. Armed groups and boys carrying weapons, but no "child soldiers".
    private const string RecruitsTitle = "Des enfants enrôlés par les groupes armés";
    private const string RecruitsBody =
        "Dans la province, des garçons de douze ans portent des armes aux barrages routiers. Les groupes armés les recrutent " +
        "dans les écoles fermées par les combats, racontent des familles.";

    private static readonly PillarClassifier WithGate = new(new ClassifierOptions());
    private static readonly PillarClassifier WithoutGate = new(new ClassifierOptions { LearnedGate = false });

    [Fact]
    public void The_embedded_model_loads_and_matches_the_feature_definition()
    {
        var model = PillarVocabulary.Default.Learned;

        Assert.NotNull(model);
        var file = model.File;
        Assert.Equal(LearnedFeatures.TitleRepeats, file.TitleRepeats);
        Assert.Equal(LearnedFeatures.MaxNGram, file.MaxNGram);
        Assert.Equal(LearnedFeatures.MinDocumentFrequency, file.MinDocumentFrequency);
        Assert.InRange(file.Threshold, 0.01, 1);
        Assert.Equal(file.RepeatThresholds.Order().ElementAt(file.RepeatThresholds.Length / 2), file.Threshold);
        Assert.True(file.TrainingTexts > 0);
        Assert.NotEmpty(file.CrossValidation);
        Assert.Equal(PillarCatalog.All.Select(p => p.Id), file.Pillars.Select(p => p.Id));
        Assert.Equal(file.Features.Length, file.Features.Distinct(StringComparer.Ordinal).Count());
        for (var f = 0; f < file.Features.Length; f++)
        {
            if (!file.Features[f].Contains(' ', StringComparison.Ordinal))
            {
                Assert.Equal(f, model.UnigramIndex(file.Features[f]));
            }
        }
    }

    [Fact]
    public void Inference_sees_the_features_training_names()
    {
        // The training path (features by name) and the service's path (feature indices) give the same probabilities.
        var model = PillarVocabulary.Default.Learned!;
        var input = new ClassificationInput(ChurchTitle, "Un résumé, des frappes et une église.", ChurchBody);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        WithoutGate.Classify(input, counts);
        var index = model.File.Features.Select((name, f) => (name, f)).ToDictionary(x => x.name, x => x.f, StringComparer.Ordinal);
        var known = counts.Where(kv => index.ContainsKey(kv.Key)).Select(kv => (Feature: index[kv.Key], kv.Value)).ToArray();
        var values = known.Select(k => k.Value).ToArray();
        LearnedFeatures.Weigh([.. known.Select(k => k.Feature)], values, model.File.Idf);

        var expected = model.File.Pillars.Select(p => LearnedFeatures.Sigmoid(p.Bias + known.Select((k, i) => p.Weights[k.Feature] * values[i]).Sum()));

        Assert.Contains(counts.Keys, k => k.Contains(' ', StringComparison.Ordinal));
        Assert.Equal(expected, WithoutGate.LearnedProbabilities(input)!, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Theory]
    [InlineData(ChurchTitle, ChurchBody, PillarCatalog.CulturalPropertyProtection)]
    [InlineData(RecruitsTitle, RecruitsBody, PillarCatalog.ChildrenAndArmedConflict)]
    public void A_pillar_the_vocabulary_only_half_recognises_comes_from_the_gate(string title, string body, string pillar)
    {
        var input = new ClassificationInput(title, null, body);

        var rules = WithoutGate.Classify(input);
        var result = WithGate.Classify(input);

        Assert.Empty(rules.Pillars);
        Assert.True(rules.Scores[pillar] > 0);
        Assert.Equal([pillar], result.Pillars);
        Assert.Equal([pillar], result.LearnedPillars);
        Assert.Contains(result.Evidence, e => e.Pillar == pillar);
        Assert.Equal(rules.Evidence, result.Evidence);
        Assert.Equal(rules.Scores, result.Scores);
    }

    [Fact]
    public void The_publication_keeps_which_pillars_came_from_the_gate()
    {
        var classification = new PublicationClassifier(WithGate).Classify(ChurchTitle, null, ChurchBody, null);

        Assert.Equal([PillarCatalog.CulturalPropertyProtection], classification.Pillars);
        Assert.Equal([PillarCatalog.CulturalPropertyProtection], classification.LearnedPillars);
        Assert.Empty(new PublicationClassifier(WithoutGate).Classify(ChurchTitle, null, ChurchBody, null).LearnedPillars);
    }

    [Fact]
    public void The_gate_never_adds_a_pillar_the_vocabulary_saw_nothing_of()
    {
        var model = PillarVocabulary.Default.Learned!;
        var checkedHighProbability = 0;
        foreach (var input in Texts())
        {
            var rules = WithoutGate.Classify(input);
            var result = WithGate.Classify(input);
            var probabilities = WithGate.LearnedProbabilities(input);
            for (var p = 0; p < PillarCatalog.All.Count; p++)
            {
                var id = PillarCatalog.All[p].Id;
                if (rules.Scores[id] == 0)
                {
                    Assert.DoesNotContain(id, result.Pillars);
                    checkedHighProbability += probabilities is not null && probabilities[p] >= model.Threshold ? 1 : 0;
                }
            }
        }

        // The model alone would have tagged some of these pillars: the gate is what kept them out.
        Assert.True(checkedHighProbability > 0);
    }

    [Fact]
    public void The_gate_does_not_read_a_text_that_speaks_of_no_armed_conflict()
    {
        // Written for this test: a pillar's term, in a text about a film.
        var input = new ClassificationInput(null, null, "Le film raconte l'histoire d'enfants soldats enlevés et recrutés. Il sort en salle mercredi et dure deux heures.", "fr");
        var probabilities = WithGate.LearnedProbabilities(input)!;
        var caac = PillarCatalog.All.Select(p => p.Id).ToList().IndexOf(PillarCatalog.ChildrenAndArmedConflict);

        var result = WithGate.Classify(input);

        Assert.True(result.Scores[PillarCatalog.ChildrenAndArmedConflict] > 0);
        Assert.True(probabilities[caac] >= PillarVocabulary.Default.Learned!.Threshold, "the model alone would tag it");
        Assert.Equal(0, result.LearnedCandidates);
        Assert.Empty(result.Pillars);
    }

    [Fact]
    public void The_gate_leaves_an_overview_to_the_overview_rule()
    {
        var lines = File.ReadAllText(RepositoryPaths.Combine("seeds", "000_604326afc1e6b244.txt")).Split('\n', 2);
        var input = new ClassificationInput(lines[0], null, lines[1]);
        var probabilities = WithGate.LearnedProbabilities(input)!;
        var wps = PillarCatalog.All.Select(p => p.Id).ToList().IndexOf(PillarCatalog.WomenPeaceAndSecurity);

        var result = WithGate.Classify(input);

        Assert.True(result.Scores[PillarCatalog.WomenPeaceAndSecurity] > 0);
        Assert.True(probabilities[wps] >= PillarVocabulary.Default.Learned!.Threshold, "the model alone would tag it");
        Assert.DoesNotContain(PillarCatalog.WomenPeaceAndSecurity, result.Pillars);
        Assert.Equal(0, result.LearnedCandidates);
    }

    [Fact]
    public void Without_the_gate_the_results_are_the_vocabulary_s()
    {
        foreach (var input in Texts())
        {
            var rules = WithoutGate.Classify(input);
            var result = WithGate.Classify(input);

            Assert.Empty(rules.LearnedPillars);
            Assert.Equal(rules.Pillars, result.Pillars.Except(result.LearnedPillars));
            Assert.All(result.LearnedPillars, p => Assert.DoesNotContain(p, rules.Pillars));
            Assert.Equal(rules.Scores, result.Scores);
            Assert.Equal(rules.Evidence, result.Evidence);
            Assert.Equal(rules.Language, result.Language);
            Assert.Equal(rules.Threshold, result.Threshold);
        }
    }

    [Fact]
    public void The_gate_adds_pillars_on_the_development_set_it_was_trained_on()
    {
        Assert.Contains(Texts(), input => WithGate.Classify(input).LearnedPillars.Count > 0);
    }

    /// <summary>The development set (the model's training data) and the classifier tests' texts.</summary>
    private static IEnumerable<ClassificationInput> Texts()
    {
        foreach (var line in File.ReadLines(RepositoryPaths.Combine("tests", "ClassificationData", "dev.jsonl")))
        {
            var item = JsonDocument.Parse(line).RootElement;
            yield return new ClassificationInput(item.GetProperty("title").GetString(), null, item.GetProperty("text").GetString(), item.GetProperty("lang").GetString());
        }

        foreach (var row in ClassifierTexts.PillarTexts.Concat(ClassifierTexts.UnrelatedDefenceNews))
        {
            yield return new ClassificationInput((string)row[^2], null, (string)row[^1]);
        }

        yield return new ClassificationInput(ChurchTitle, null, ChurchBody);
        yield return new ClassificationInput(RecruitsTitle, null, RecruitsBody);
    }
}
