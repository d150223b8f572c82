using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;

namespace HumanSecurityAlerts.UnitTests.Classification;

public class ConceptVocabularyTests
{
    private static readonly PillarClassifier Classifier = new(new ClassifierOptions());

    [Fact]
    public void Every_concept_has_terms_in_english_and_french()
    {
        using var reader = PillarVocabulary.OpenResource("concepts.txt");

        var concepts = ConceptReader.Read(reader);

        Assert.All(concepts, c => Assert.All(ConceptReader.Languages, l => Assert.NotEmpty(c.Terms[l])));
        Assert.Equal(
            [.. PillarCatalog.All.Select(p => p.Id), ConceptReader.ConflictContextSection],
            concepts.Select(c => c.Section).Distinct());
    }

    [Theory]
    [InlineData("[protection-of-civilians]\n1.0 | civilian harm | \n", "line 2 has no fr term")]
    [InlineData("# comment\n[protection-of-civilians]\n\n1.0 |  ; | dommages civils\n", "line 4 has no en term")]
    [InlineData("[protection-of-civilians]\n1.0 | civilian harm\n", "line 2 needs a weight and 2 columns")]
    [InlineData("[protection-of-civilians]\nstrong | civilian harm | dommages civils\n", "line 2 starts with \"strong\"")]
    [InlineData("[protection-of-civilians]\n1.0 weak children | civilian harm | dommages civils\n", "line 2 starts with \"1.0 weak children\"")]
    [InlineData("1.0 | civilian harm | dommages civils\n", "line 1 is outside a [section]")]
    public void A_concept_in_one_language_only_or_malformed_is_refused(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ConceptReader.Read(new StringReader(text)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    /// <summary>The concepts of the founding instruments, each named in English and in French: both find the pillar with the same weight.</summary>
    [Theory]
    [InlineData("protection-of-civilians", "the protection of civilians", "la protection des civils")]
    [InlineData("protection-of-civilians", "civilian harm mitigation", "l'atténuation des dommages causés aux civils")]
    [InlineData("protection-of-civilians", "explosive weapons in populated areas", "les armes explosives dans les zones peuplées")]
    [InlineData("protection-of-civilians", "indiscriminate attacks", "des attaques sans discrimination")]
    [InlineData("children-and-armed-conflict", "the six grave violations", "les six violations graves")]
    [InlineData("children-and-armed-conflict", "the Paris Principles", "les Principes de Paris")]
    [InlineData("children-and-armed-conflict", "children associated with armed forces and armed groups", "les enfants associés aux forces et groupes armés")]
    [InlineData("children-and-armed-conflict", "the Safe Schools Declaration", "la Déclaration sur la sécurité dans les écoles")]
    [InlineData("children-and-armed-conflict", "resolution 1612", "la résolution 1612")]
    [InlineData("trafficking-in-human-beings", "the Palermo Protocol", "le Protocole de Palerme")]
    [InlineData("trafficking-in-human-beings", "victims of trafficking", "les victimes de la traite")]
    [InlineData("trafficking-in-human-beings", "forced labour", "le travail forcé")]
    [InlineData("trafficking-in-human-beings", "sex trafficking", "le trafic sexuel")]
    [InlineData("trafficking-in-human-beings", "the removal of organs", "le prélèvement d'organes")]
    [InlineData("trafficking-in-human-beings", "women sold as sex slaves", "des femmes vendues comme esclaves sexuelles")]
    [InlineData("conflict-related-sexual-violence", "women sold as sex slaves", "des femmes vendues comme esclaves sexuelles")]
    [InlineData("children-and-armed-conflict", "demobilised children", "les enfants démobilisés")]
    [InlineData("protection-of-civilians", "urban conflicts", "les conflits urbains")]
    [InlineData("conflict-related-sexual-violence", "resolution 1820", "la résolution 1820")]
    [InlineData("conflict-related-sexual-violence", "resolution 2467", "la résolution 2467")]
    [InlineData("conflict-related-sexual-violence", "rape as a weapon of war", "le viol comme arme de guerre")]
    [InlineData("conflict-related-sexual-violence", "sexual slavery", "l'esclavage sexuel")]
    [InlineData("conflict-related-sexual-violence", "rape, a weapon of war", "le viol, une arme de guerre")]
    [InlineData("cultural-property-protection", "the 1954 Hague Convention", "la Convention de La Haye de 1954")]
    [InlineData("cultural-property-protection", "the Blue Shield", "le Bouclier bleu")]
    [InlineData("cultural-property-protection", "the looting of antiquities", "le pillage d'antiquités")]
    [InlineData("cultural-property-protection", "the destruction of heritage by armed groups", "la destruction du patrimoine par des groupes armés")]
    [InlineData("women-peace-and-security", "resolution 1325", "la résolution 1325")]
    [InlineData("women-peace-and-security", "women mediators", "les femmes médiatrices")]
    [InlineData("women-peace-and-security", "women peacekeepers", "les femmes casques bleus")]
    [InlineData("women-peace-and-security", "women in peace negotiations", "les femmes dans les négociations de paix")]
    [InlineData("women-peace-and-security", "women in peacekeeping operations", "les femmes dans les opérations de maintien de la paix")]
    [InlineData("women-peace-and-security", "gender advisers", "les conseillères pour les questions de genre")]
    [InlineData("trafficking-in-human-beings", "the scam compounds", "les complexes d'escroquerie")]
    [InlineData("trafficking-in-human-beings", "girls sold into marriage", "des filles vendues en mariage")]
    [InlineData("conflict-related-sexual-violence", "the comfort women of the imperial army", "les femmes de réconfort de l'armée impériale")]
    [InlineData("children-and-armed-conflict", "the recruitment of minors", "le recrutement de mineurs")]
    [InlineData("women-peace-and-security", "women serving in the armed forces", "les femmes servant dans les forces armées")]
    [InlineData("women-peace-and-security", "participation in the peace talks", "la participation aux pourparlers de paix")]
    [InlineData("children-and-armed-conflict", "the deportation of children", "la déportation d'enfants")]
    [InlineData("trafficking-in-human-beings", "the trafficking of women", "le trafic de femmes")]
    [InlineData("cultural-property-protection", "the Second Protocol to the Hague Convention", "le deuxième Protocole de la Convention de La Haye")]
    [InlineData("women-peace-and-security", "no women at the table", "aucune femme à la table")]
    public void A_founding_concept_weighs_the_same_in_english_and_french(string pillar, string english, string french)
    {
        var en = Evidence(english, pillar);
        var fr = Evidence(french, pillar);

        Assert.True(en > 0, $"\"{english}\" finds no {pillar}");
        Assert.Equal(en, fr);
    }

    [Theory]
    [InlineData("en", "The cathedral's restoration is a model for the cultural heritage of the city: the museum reopens and the archaeological site is listed as world heritage.", "Fighting in the city damaged the cathedral, a model of cultural heritage: the museum was shelled and the archaeological site looted by armed groups.", PillarCatalog.CulturalPropertyProtection, "cultural heritage")]
    [InlineData("fr", "La restauration de la cathédrale est un modèle pour le patrimoine culturel de la ville : le musée rouvre et le site archéologique entre au patrimoine mondial.", "Les combats ont endommagé la cathédrale, joyau du patrimoine culturel : le musée a été bombardé et le site archéologique pillé par des groupes armés.", PillarCatalog.CulturalPropertyProtection, "patrimoine culturel")]
    [InlineData("en", "The storm caused power outages and cut the drinking water supply in three towns.", "Russian strikes on power plants caused power outages and cut the drinking water supply in three towns.", PillarCatalog.ProtectionOfCivilians, "power outages")]
    [InlineData("fr", "La tempête a provoqué des coupures de courant et privé trois villes d'eau potable.", "Les frappes russes sur des centrales électriques ont provoqué des coupures de courant et privé trois villes d'eau potable.", PillarCatalog.ProtectionOfCivilians, "coupures de courant")]
    [InlineData("en", "The committee added two African sites to the world heritage list, and the ministry wants to curb organised crime around the ticket trade.", "Armed groups looted the world heritage site and the ministry blames organised crime.", PillarCatalog.CulturalPropertyProtection, "world heritage site")]
    [InlineData("fr", "Le comité a inscrit deux sites africains au patrimoine mondial, et le ministère veut endiguer la criminalité organisée autour de la billetterie.", "Des groupes armés ont pillé le site du patrimoine mondial et le ministère accuse la criminalité organisée.", PillarCatalog.CulturalPropertyProtection, "sites du patrimoine")]
    public void Weak_terms_count_only_in_a_text_about_armed_conflict(string language, string peacetime, string wartime, string pillar, string term)
    {
        var inPeace = Classifier.Classify(new ClassificationInput(null, null, peacetime, language));
        var inWar = Classifier.Classify(new ClassificationInput(null, null, wartime, language));

        Assert.DoesNotContain(inPeace.Evidence, e => e.Pillar == pillar);
        Assert.Equal(0, inPeace.Scores[pillar]);
        Assert.Contains(inWar.Evidence, e => e.Pillar == pillar && e.Term == term);
    }

    [Theory]
    [InlineData("en", "Police dismantled a migrant smuggling network and seized cocaine in a drug trafficking case.")]
    [InlineData("fr", "La police a démantelé un réseau de trafic de migrants et saisi de la cocaïne dans une affaire de trafic de stupéfiants.")]
    public void Migrant_smuggling_and_drug_trafficking_are_not_trafficking_in_human_beings(string language, string body)
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, body, language));

        Assert.DoesNotContain(result.Evidence, e => e.Pillar == PillarCatalog.TraffickingInHumanBeings);
    }

    /// <summary>French stems drop the feminine ending ("combattantes" and "combattants" share one), so a term about women says "femmes".</summary>
    [Theory]
    [InlineData("Pendant la guerre, les combattants rebelles ont pris la ville.")]
    [InlineData("Les anciens combattants maoïstes ont été démobilisés après la guerre civile.")]
    [InlineData("La réintégration des ex-combattants reste lente depuis la fin de la guerre.")]
    [InlineData("Les négociateurs des deux camps se sont retrouvés pour des pourparlers de paix.")]
    [InlineData("Des militants pour la paix et des artisans de paix ont marché contre la guerre.")]
    public void A_masculine_word_finds_no_term_about_women(string body)
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, body, "fr"));

        Assert.DoesNotContain(result.Evidence, e => e.Pillar == PillarCatalog.WomenPeaceAndSecurity);
    }

    [Fact]
    public void A_term_of_two_pillars_counts_for_both_with_its_evidence()
    {
        var result = Classifier.Classify(new ClassificationInput(
            "Des femmes vendues comme esclaves sexuelles",
            null,
            "Les femmes ont été vendues comme esclaves sexuelles sur les marchés aux esclaves des djihadistes.",
            "fr"));

        Assert.Contains(PillarCatalog.TraffickingInHumanBeings, result.Pillars);
        Assert.Contains(PillarCatalog.ConflictRelatedSexualViolence, result.Pillars);
        var title = result.Evidence.Where(e => e.Field == "title").ToList();
        Assert.Equal(
            new[] { PillarCatalog.ConflictRelatedSexualViolence, PillarCatalog.TraffickingInHumanBeings },
            title.Select(e => e.Pillar).Order(StringComparer.Ordinal));
        Assert.Single(title.Select(e => (e.Term, e.Position, e.Length, e.Weight)).Distinct());
    }

    [Theory]
    [InlineData("fr", "Une proportion significative des familles reste sans assistance après la guerre.")]
    [InlineData("fr", "L'Office central de lutte contre le trafic des biens culturels suit chaque vol dans les musées.")]
    [InlineData("fr", "Christine Vallée, médiatrice familiale, aide les couples séparés et les conflits qui vont avec.")]
    [InlineData("en", "A family mediator helps separated couples settle the conflicts that come with it.")]
    [InlineData("en", "Customs seized two tonnes of scales in a case of trafficking of pangolins run by wildlife traffickers.")]
    [InlineData("fr", "Les douaniers ont saisi deux tonnes d'écailles : une affaire de trafic d'espèces sauvages, menée par des trafiquants d'ivoire.")]
    [InlineData("fr", "Des démineurs ont détruit des obus de la Première Guerre mondiale trouvés dans un champ.")]
    [InlineData("en", "Bomb disposal experts defused an unexploded World War II bomb found on a building site.")]
    public void Words_of_a_pillar_used_for_something_else_find_no_pillar(string language, string body)
    {
        var result = Classifier.Classify(new ClassificationInput(null, null, body, language));

        Assert.Empty(result.Evidence);
        Assert.Empty(result.Pillars);
    }

    private static double Evidence(string text, string pillar) =>
        Classifier.Classify(new ClassificationInput(null, null, text)).Evidence.Where(e => e.Pillar == pillar).Sum(e => e.Weight);
}
