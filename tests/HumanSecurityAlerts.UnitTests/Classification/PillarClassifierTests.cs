using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Text;

namespace HumanSecurityAlerts.UnitTests.Classification;

public class PillarClassifierTests
{
    private static readonly PillarClassifier Classifier = new(new ClassifierOptions());

    [Theory]
    [MemberData(nameof(ClassifierTexts.PillarTexts), MemberType = typeof(ClassifierTexts))]
    public void Each_pillar_is_recognised_in_each_language(string language, string pillar, string title, string body)
    {
        var result = Classifier.Classify(new ClassificationInput(title, null, body));

        Assert.Equal(language, result.Language);
        Assert.Equal([pillar], result.Pillars);
        Assert.Contains(result.Evidence, e => e.Pillar == pillar && e.Field == "title");
        Assert.Contains(result.Evidence, e => e.Pillar == pillar && e.Field == "body");
    }

    [Theory]
    [MemberData(nameof(ClassifierTexts.PillarTexts), MemberType = typeof(ClassifierTexts))]
    public void The_body_alone_is_enough_when_it_is_about_the_pillar(string language, string pillar, string title, string body)
    {
        _ = title;
        var result = Classifier.Classify(new ClassificationInput(null, null, body, language));

        Assert.Equal([pillar], result.Pillars);
    }

    [Theory]
    [MemberData(nameof(ClassifierTexts.UnrelatedDefenceNews), MemberType = typeof(ClassifierTexts))]
    public void Unrelated_defence_news_gets_no_pillar(string language, string title, string body)
    {
        var result = Classifier.Classify(new ClassificationInput(title, null, body));

        Assert.Equal(language, result.Language);
        Assert.Empty(result.Pillars);
    }

    [Fact]
    public void Pillars_named_once_in_a_long_text_about_something_else_stay_below_the_threshold()
    {
        var result = Classifier.Classify(new ClassificationInput("Logistics conference", null, ClassifierTexts.LogisticsWithBoilerplate(6)));

        Assert.Empty(result.Pillars);
        Assert.Contains(result.Evidence, e => e.Pillar == PillarCatalog.WomenPeaceAndSecurity);
        Assert.Contains(result.Evidence, e => e.Pillar == PillarCatalog.ProtectionOfCivilians);
    }

    [Fact]
    public void A_passing_mention_next_to_the_main_topic_is_not_tagged()
    {
        const string body =
            "The policy on combating trafficking in human beings was updated. Trafficking in human beings thrives where conflict " +
            "weakens institutions, and human trafficking networks target displaced people. Victims of trafficking need protection. " +
            "Like all Alliance policies, it reflects the Women, Peace and Security agenda.";

        var result = Classifier.Classify(new ClassificationInput("Trafficking policy updated", null, body));

        Assert.Equal([PillarCatalog.TraffickingInHumanBeings], result.Pillars);
    }

    [Fact]
    public void A_title_match_weighs_more_than_the_same_match_in_the_body()
    {
        const string filler = "Ministers met in Brussels to review the year and agree the next steps for the Alliance.";

        var inTitle = Classifier.Classify(new ClassificationInput("Cultural property protection", null, filler));
        var inBody = Classifier.Classify(new ClassificationInput("Ministers meet", null, "Cultural property protection. " + filler));

        Assert.True(inTitle.Scores[PillarCatalog.CulturalPropertyProtection] > inBody.Scores[PillarCatalog.CulturalPropertyProtection]);
    }

    [Fact]
    public void A_title_match_needs_some_support_in_a_long_body()
    {
        var body = ClassifierTexts.LogisticsWithBoilerplate(1).Replace("Women, Peace and Security", "common funding", StringComparison.Ordinal)
            .Replace("protection of civilians", "speed limits", StringComparison.Ordinal);

        var result = Classifier.Classify(new ClassificationInput("Children and armed conflict: see also", null, body));

        Assert.Empty(result.Pillars);
    }

    [Fact]
    public void Mixed_language_text_matches_both_vocabularies()
    {
        const string body =
            "The course on human trafficking taught officers to recognise victims of trafficking and to report trafficking in human beings. " +
            "La protection des biens culturels figure aussi au programme : la Convention de La Haye de 1954 protège les biens culturels et le patrimoine culturel.";

        var result = Classifier.Classify(new ClassificationInput(null, null, body));

        Assert.Equal([PillarCatalog.TraffickingInHumanBeings, PillarCatalog.CulturalPropertyProtection], result.Pillars);
        Assert.True(result.Language is "en" or "fr", result.Language);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", "", "")]
    [InlineData("   ", "\t", " \r\n \n ")]
    public void Empty_input_gets_no_pillar_and_language_other(string? title, string? summary, string? body)
    {
        var result = Classifier.Classify(new ClassificationInput(title, summary, body, "fr"));

        Assert.Equal("other", result.Language);
        Assert.Empty(result.Pillars);
        Assert.Empty(result.Evidence);
        Assert.Equal(PillarCatalog.All.Select(p => p.Id), result.Scores.Keys);
        Assert.All(result.Scores.Values, s => Assert.Equal(0, s));
    }

    [Theory]
    [InlineData("Die Allianz hat heute beschlossen, die Luftverteidigung zu stärken, und die Minister sind sich einig, dass das Bündnis mehr investieren muss.")]
    [InlineData("Los aliados acordaron hoy reforzar la defensa aérea y los ministros coinciden en que la alianza debe invertir más en sus capacidades.")]
    public void Other_languages_are_detected_as_other(string body)
    {
        Assert.Equal("other", Classifier.Classify(new ClassificationInput(null, null, body)).Language);
    }

    [Fact]
    public void The_text_decides_the_language_not_the_declaration()
    {
        var result = Classifier.Classify(new ClassificationInput("La protection des civils", null, "Les Alliés ont adopté une politique de protection des civils.", "en"));

        Assert.Equal("fr", result.Language);
    }

    [Fact]
    public void The_declared_language_breaks_a_tie()
    {
        const string tie = "Protection of civilians / Protection des civils";

        Assert.Equal("fr", Classifier.Classify(new ClassificationInput(tie, null, null, "fr")).Language);
        Assert.Equal("en", Classifier.Classify(new ClassificationInput(tie, null, null, "en")).Language);
    }

    [Fact]
    public void Case_accents_elisions_and_inflections_are_folded()
    {
        const string body =
            "L'OTAN RENFORCE LA LUTTE CONTRE LA TRAITE DES ETRES HUMAINS. La traite d'êtres humains et les victimes de la traite " +
            "sont au cœur de la politique, qui vise la traite des personnes sous toutes ses formes.";

        var result = Classifier.Classify(new ClassificationInput(null, null, body));

        Assert.Equal("fr", result.Language);
        Assert.Equal([PillarCatalog.TraffickingInHumanBeings], result.Pillars);
    }

    [Fact]
    public void Evidence_points_at_the_matched_text()
    {
        const string body = "Officers studied how conflict-related sexual violence is prevented, and how Conflict Related Sexual Violence is reported.";

        var result = Classifier.Classify(new ClassificationInput(null, null, body));

        var evidence = result.Evidence.Where(e => e.Pillar == PillarCatalog.ConflictRelatedSexualViolence).ToList();
        Assert.Equal(["conflict-related sexual violence", "Conflict Related Sexual Violence"], evidence.Select(e => body.Substring(e.Position, e.Length)));
        Assert.All(evidence, e => Assert.Equal("conflict related sexual violence", e.Term));
        Assert.True(evidence[0].Weight > evidence[1].Weight, "a repeated term counts less each time");
    }

    [Fact]
    public void Phrases_do_not_match_across_sentences()
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, "The report was about protection. Civilians were not mentioned."));

        Assert.DoesNotContain(result.Evidence, e => e.Term == "protection of civilians");
    }

    [Fact]
    public void Civil_society_is_not_about_civilians()
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, "Des représentants de la société civile et de la protection civile ont participé."));

        Assert.Empty(result.Evidence);
    }

    [Fact]
    public void Html_tags_scripts_and_attributes_are_ignored()
    {
        const string html =
            "<html><head><title>Policy</title><style>.child-soldiers { color: red }</style>" +
            "<script>var topic = 'trafficking in human beings'; var more = 'human trafficking';</script></head>" +
            "<body><div class=\"protection-of-civilians\" data-x=\"civilian harm\">" +
            "<p>Planners discussed fuel, rail and ports.</p><!-- cultural property protection -->" +
            "<p>Nothing else was on the agenda &amp; the meeting closed.</p></div></body></html>";

        var result = Classifier.Classify(new ClassificationInput(null, null, html));

        Assert.Empty(result.Pillars);
        Assert.Empty(result.Evidence);
        Assert.Equal("en", result.Language);
    }

    [Fact]
    public void Html_text_is_classified_and_positions_refer_to_the_text_without_tags()
    {
        const string html =
            "<article><h1>Ending the use of <em>child soldiers</em></h1><p>The report documents the <b>six grave violations</b> " +
            "against children.</p><p>Children associated with armed forces were released to child protection agencies.</p></article>";

        var result = Classifier.Classify(new ClassificationInput(null, null, html));

        var text = HtmlToText.Convert(html);
        Assert.Equal([PillarCatalog.ChildrenAndArmedConflict], result.Pillars);
        Assert.Contains(result.Evidence, e => text.Substring(e.Position, e.Length) == "child soldiers");
        Assert.Contains(result.Evidence, e => text.Substring(e.Position, e.Length) == "six grave violations");
    }

    [Fact]
    public void A_ten_megabyte_input_is_truncated_without_exception()
    {
        var options = new ClassifierOptions();
        var classifier = new PillarClassifier(options);
        var huge = string.Concat(Enumerable.Repeat("Protection of civilians and civilian harm mitigation were discussed at length. ", 10 * 1024 * 1024 / 78 + 1));
        Assert.True(huge.Length >= 10 * 1024 * 1024);

        var result = classifier.Classify(new ClassificationInput(huge, huge, huge));

        Assert.Equal([PillarCatalog.ProtectionOfCivilians], result.Pillars);
        Assert.All(result.Evidence, e => Assert.True(e.Position + e.Length <= options.MaxInputCharacters));
        Assert.DoesNotContain(result.Evidence, e => e.Field is "summary" or "body");
    }

    [Fact]
    public void The_seed_article_carries_the_five_pillars_it_names()
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryRoot(), "seeds", "000_604326afc1e6b244.txt")).Split('\n', 2);

        var result = Classifier.Classify(new ClassificationInput(lines[0], null, lines[1]));

        Assert.Equal("fr", result.Language);
        Assert.Equal(
            [
                PillarCatalog.ProtectionOfCivilians,
                PillarCatalog.ChildrenAndArmedConflict,
                PillarCatalog.TraffickingInHumanBeings,
                PillarCatalog.ConflictRelatedSexualViolence,
                PillarCatalog.CulturalPropertyProtection,
            ],
            result.Pillars);
    }

    [Fact]
    public void Parallel_calls_give_the_same_results_as_sequential_ones()
    {
        var inputs = ClassifierTexts.PillarTexts.Select(r => new ClassificationInput((string)r[2], null, (string)r[3]))
            .Concat(ClassifierTexts.UnrelatedDefenceNews.Select(r => new ClassificationInput((string)r[1], null, (string)r[2])))
            .ToArray();
        var expected = inputs.Select(i => Describe(new PillarClassifier(new ClassifierOptions()).Classify(i))).ToArray();

        var actual = new string[inputs.Length * 50];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Describe(Classifier.Classify(inputs[i % inputs.Length])));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % inputs.Length], actual[i]);
        }
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new PillarClassifier(new ClassifierOptions { Threshold = 0 }));
    }

    private static string Describe(ClassificationResult r) =>
        $"{r.Language}|{string.Join(",", r.Pillars)}|{string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value}"))}|{string.Join(";", r.Evidence)}";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HumanSecurityAlerts.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HumanSecurityAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}
