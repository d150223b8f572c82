namespace HumanSecurityAlerts.UnitTests.Classification;

/// <summary>Texts written for these tests (not copied from any publication).</summary>
internal static class ClassifierTexts
{
    public static TheoryData<string, string, string, string> PillarTexts => new()
    {
        {
            "en", "protection-of-civilians",
            "Allies agree new steps to reduce civilian harm",
            "Defence ministers discussed how operations can better protect civilians. The updated approach to civilian harm mitigation asks commanders to track civilian casualties, to learn from every incident and to plan missions so that harm to civilians is avoided. Advisers on the protection of civilians will join headquarters staff next year, and training will cover the obligations of international humanitarian law towards the civilian population."
        },
        {
            "fr", "protection-of-civilians",
            "Les Alliés veulent réduire les dommages causés aux civils",
            "Les ministres de la défense ont examiné la manière dont les opérations peuvent mieux protéger les civils. La nouvelle approche demande aux commandants de recenser les victimes civiles et de tirer les leçons de chaque incident, afin d'éviter les pertes civiles. Des conseillers pour la protection des civils rejoindront les états-majors l'an prochain, et la formation portera sur le droit international humanitaire."
        },
        {
            "en", "children-and-armed-conflict",
            "Ending the recruitment of child soldiers",
            "A new report documents the six grave violations committed against children in the conflict, from the recruitment and use of children by armed groups to attacks on schools and hospitals. Commanders were briefed on how to identify children associated with armed forces and hand them over to child protection agencies. The training follows UN Security Council resolution 1612 and its monitoring and reporting mechanism."
        },
        {
            "fr", "children-and-armed-conflict",
            "Mettre fin au recrutement des enfants soldats",
            "Un nouveau rapport recense les six violations graves commises contre les enfants dans ce conflit, du recrutement d'enfants par les groupes armés aux attaques contre les écoles et les hôpitaux. Les commandants ont appris à reconnaître les enfants associés aux forces armées et à les confier aux services de protection de l'enfance, conformément à la résolution 1612 du Conseil de sécurité."
        },
        {
            "en", "trafficking-in-human-beings",
            "Training course on combating trafficking in human beings",
            "Staff officers from twelve nations completed a course on human trafficking in crisis areas. Trainers explained how traffickers exploit displaced people, how to recognise victims of trafficking and how to report suspicions. The course reflects the zero tolerance policy towards trafficking in human beings and the Palermo Protocol, which defines trafficking in persons for forced labour and sexual exploitation."
        },
        {
            "fr", "trafficking-in-human-beings",
            "Formation à la lutte contre la traite des êtres humains",
            "Des officiers de douze pays ont suivi une formation consacrée à la traite des êtres humains dans les zones de crise. Les formateurs ont expliqué comment les trafiquants exploitent les personnes déplacées, comment reconnaître les victimes de la traite et comment signaler les soupçons. La formation s'appuie sur le protocole de Palerme relatif à la traite des personnes et sur la politique de tolérance zéro."
        },
        {
            "en", "conflict-related-sexual-violence",
            "Preventing conflict-related sexual violence",
            "The new guidelines set out how missions should prevent and respond to conflict-related sexual violence. Rape used as a weapon of war destroys communities long after the fighting ends. Personnel must report any sign of sexual violence in conflict, protect survivors of sexual violence and support accountability, in line with Security Council resolution 1820 and the resolutions that followed it."
        },
        {
            "fr", "conflict-related-sexual-violence",
            "Prévenir les violences sexuelles liées aux conflits",
            "Les nouvelles directives précisent comment les missions doivent prévenir la violence sexuelle liée aux conflits et y répondre. Le viol utilisé comme arme de guerre détruit les communautés bien après la fin des combats. Les personnels doivent signaler tout signe de violence sexuelle dans les conflits et aider les survivantes de violences sexuelles, conformément à la résolution 1820 du Conseil de sécurité."
        },
        {
            "en", "cultural-property-protection",
            "Protecting cultural heritage during operations",
            "Planners now map museums, archaeological sites and places of worship before an operation starts. Cultural property protection is part of the targeting process, and the 1954 Hague Convention requires parties to respect cultural property marked with the blue shield emblem. Specialists also help local authorities to stop the looting of antiquities and the destruction of cultural heritage."
        },
        {
            "fr", "cultural-property-protection",
            "Protéger le patrimoine culturel pendant les opérations",
            "Les planificateurs recensent désormais les musées, les sites archéologiques et les lieux de culte avant le début d'une opération. La protection des biens culturels fait partie du processus de ciblage, et la Convention de La Haye de 1954 impose de respecter les biens culturels signalés par l'emblème du bouclier bleu. Des spécialistes aident aussi les autorités locales à lutter contre la destruction du patrimoine culturel."
        },
        {
            "en", "women-peace-and-security",
            "Twenty-five years of the Women, Peace and Security agenda",
            "Allies marked the anniversary of UNSCR 1325 by reviewing their national action plans. Gender advisers now work in every headquarters, and gender perspectives are part of planning and training. The meaningful participation of women in peace processes and in the armed forces remains the aim, and the Women, Peace and Security agenda is integrated into all core tasks."
        },
        {
            "fr", "women-peace-and-security",
            "Vingt-cinq ans de l'agenda femmes, paix et sécurité",
            "Les Alliés ont marqué l'anniversaire de la résolution 1325 en faisant le point sur leurs plans d'action nationaux. Des conseillers pour les questions de genre travaillent dans chaque état-major, et la perspective de genre fait partie de la planification et de la formation. La participation des femmes aux processus de paix reste l'objectif du programme pour les femmes, la paix et la sécurité."
        },
    };

    public static TheoryData<string, string, string> UnrelatedDefenceNews => new()
    {
        {
            "en", "Fighter jets scrambled to intercept unidentified aircraft",
            "Two fighter jets on air policing duty took off within minutes to identify an aircraft flying without a transponder near Allied airspace. The interceptors escorted it until it left the area. Air policing is a peacetime mission that safeguards the integrity of Allied airspace, and the rotation of detachments continues at the two air bases in the region."
        },
        {
            "en", "Allies agree common funding for 2026",
            "Allies agreed the civil budget, the military budget and the investment programme for next year. Common funding pays for headquarters, shared infrastructure and communication systems. Ministers also reviewed progress towards spending two percent of gross domestic product on defence, and agreed to increase investment in air and missile defence capabilities."
        },
        {
            "en", "Large-scale exercise tests reinforcement across the Atlantic",
            "Thousands of troops, ships and aircraft took part in the exercise, which tested how quickly forces can cross the Atlantic and deploy to the eastern flank. Logistics units moved armoured vehicles by rail and sea, and headquarters practised command and control of a multi-corps operation under simulated cyber attacks and electronic warfare."
        },
        {
            "en", "Cyber defence centre opens new training range",
            "The cyber defence centre opened a range where national teams train to defend networks against ransomware and attacks on critical infrastructure. The exercise scenario includes incident response, information sharing between Allies and the protection of classified systems. Cyber defence is part of the core task of deterrence and defence."
        },
        {
            "fr", "Des avions de chasse interceptent un appareil non identifié",
            "Deux avions de chasse en mission de police du ciel ont décollé en quelques minutes pour identifier un appareil volant sans transpondeur près de l'espace aérien de l'Alliance. La police du ciel est une mission du temps de paix qui préserve l'intégrité de l'espace aérien, et la rotation des détachements se poursuit sur les deux bases aériennes de la région."
        },
        {
            "fr", "Les Alliés adoptent les budgets communs pour 2026",
            "Les Alliés ont adopté le budget civil, le budget militaire et le programme d'investissement pour l'année prochaine. Le financement commun couvre les quartiers généraux, les infrastructures partagées et les systèmes de communication. Les ministres ont aussi examiné les progrès vers l'objectif de consacrer deux pour cent du produit intérieur brut à la défense."
        },
        {
            "fr", "Un exercice de grande ampleur teste les renforts transatlantiques",
            "Des milliers de soldats, de navires et d'aéronefs ont participé à l'exercice, qui visait à vérifier la rapidité avec laquelle les forces peuvent traverser l'Atlantique et se déployer sur le flanc est. Les unités logistiques ont acheminé des véhicules blindés par rail et par mer, sous des cyberattaques simulées."
        },
        {
            "fr", "Cyberdéfense : un nouveau polygone d'entraînement",
            "Le centre de cyberdéfense a ouvert un polygone où les équipes nationales s'entraînent à défendre leurs réseaux contre les rançongiciels et les attaques visant les infrastructures critiques. Le scénario comprend la réponse aux incidents, le partage d'informations entre Alliés et la protection des systèmes classifiés."
        },
    };

    /// <summary>A long text about logistics that names pillars once each, in passing or in a boilerplate line.</summary>
    public static string LogisticsWithBoilerplate(int paragraphs)
    {
        const string paragraph =
            "The logistics conference reviewed fuel pipelines, rail gauges and the movement of ammunition across borders. " +
            "Planners compared the capacity of ports and airfields, the stocks held by each nation and the contracts " +
            "that let Allies share spare parts and maintenance crews during a crisis. ";
        var body = string.Concat(Enumerable.Repeat(paragraph, paragraphs));
        return body
            + "The policy applies the Women, Peace and Security agenda, like all Alliance policies. "
            + body
            + "Planners were reminded of the rules on the protection of civilians in transit areas. "
            + body;
    }
}
