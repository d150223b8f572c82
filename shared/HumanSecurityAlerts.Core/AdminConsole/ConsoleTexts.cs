using System.Globalization;

using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.AdminConsole;

/// <summary>
/// The English and French wording of the admin console, in the same one-record-per-language form as the public pages'
/// texts. French follows French typography: a no-break space (U+00A0) before <c>:</c> <c>;</c> <c>?</c> <c>!</c>.
/// </summary>
public sealed record ConsoleTexts
{
    public static ConsoleTexts En { get; } = new()
    {
        Lang = Languages.Language.En,
        DateFormat = "d MMMM yyyy, HH:mm 'UTC'",
        ServiceName = "Human security alerts – console",
        OtherLanguage = "Français",
        Navigation = "Console",
        NewRelease = "New release",
        Publications = "Publications",
        Feeds = "Feeds",
        SignOut = "Sign out",
        SignInTitle = "Sign in",
        SignInIntro = "Sign in with the admin key once: the console keeps you signed in on this browser for 8 hours.",
        AdminKey = "Admin key",
        SignInAction = "Sign in",
        SignInWithEntra = "Sign in with Microsoft Entra ID",
        WrongKey = "The admin key is not right.",
        ErrorSummaryTitle = "There is a problem",
        TooManyTitle = "Too many attempts",
        TooManyBody = "Too many sign-in attempts from this address. Try again in {0} minute(s).",
        SignedOutTitle = "Signed out",
        SignedOutBody = "You are signed out of the console.",
        SignInAgain = "Sign in again",
        RefusedTitle = "Request refused",
        RefusedBody = "This form has expired or did not come from the console. Nothing was changed.",
        Back = "Back",
        Title = "Title",
        Url = "URL of the publication",
        Language = "Language",
        LanguageDetect = "Detect from the text",
        English = "English",
        French = "French",
        PublishedAt = "Publication date",
        PublishedAtHint = "Leave empty for now.",
        Summary = "Summary",
        Text = "Text (plain text or HTML)",
        Preview = "Preview",
        Publish = "Publish",
        PreviewTitle = "Classification preview",
        PreviewIntro = "Each pillar's score against the threshold. Tick the pillars the publication should carry: a choice that differs from the classifier's is recorded as an override.",
        Pillar = "Pillar",
        Score = "Score",
        Threshold = "Threshold",
        Found = "Over the threshold",
        NotFound = "Under the threshold",
        FoundByModel = "Added by the learned model: under the threshold, but the model trained on labelled texts judged the evidence below enough",
        PillarsToPublish = "Pillars to publish under",
        Evidence = "Evidence",
        Term = "Term",
        Where = "Where",
        Weight = "Weight",
        Context = "In context",
        NoEvidence = "No evidence.",
        FieldNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["title"] = "title", ["summary"] = "summary", ["body"] = "text" },
        Position = "{0}, character {1}",
        AlreadyExists = "A publication with this URL already exists:",
        Filter = "Filter",
        AllPillars = "All pillars",
        AllLanguages = "All languages",
        Date = "Date",
        Deliveries = "Deliveries",
        Delivered = "delivered",
        Pending = "pending",
        Failed = "failed",
        NoPublications = "No publications.",
        NextPage = "Next page",
        Channel = "Channel",
        ChannelNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = "Email", ["webhook"] = "Webhook" },
        Source = "Source",
        PillarsSetByAdmin = "set by an admin (override)",
        PillarsByClassifier = "as classified",
        NoPillars = "None: nobody is notified.",
        Failures = "Failures",
        Subscriber = "Subscriber",
        Status = "Status",
        Attempts = "Attempts",
        Reason = "Reason",
        NoFailures = "No failures.",
        Resend = "Resend",
        ResendHint = "Fans the publication out again; nobody already notified is notified twice.",
        ResendDone = "Resend: {0}.",
        DeadLetters = "Dead letters",
        NoDeadLetters = "No dead letters.",
        Replay = "Replay",
        Replayed = "Replayed: {0}.",
        Published = "Published.",
        Existing = "This publication already existed: nothing was sent again.",
        PublicationNotFound = "No such publication.",
        FeedsIntro = "The configured feeds and their last fetch.",
        Feed = "Feed",
        LastFetch = "Last fetch",
        NewItems = "New items",
        Never = "Never",
        Ok = "OK",
        NoFeeds = "No feeds are configured (Feeds__Sources).",
    };

    public static ConsoleTexts Fr { get; } = new()
    {
        Lang = Languages.Language.Fr,
        DateFormat = "d MMMM yyyy 'à' HH' h 'mm 'UTC'",
        ServiceName = "Alertes sécurité humaine – console",
        OtherLanguage = "English",
        Navigation = "Console",
        NewRelease = "Nouvelle publication",
        Publications = "Publications",
        Feeds = "Flux",
        SignOut = "Se déconnecter",
        SignInTitle = "Connexion",
        SignInIntro = "Connectez-vous une fois avec la clé d’administration\u00a0: la console vous garde connecté sur ce navigateur pendant 8\u00a0heures.",
        AdminKey = "Clé d’administration",
        SignInAction = "Se connecter",
        SignInWithEntra = "Se connecter avec Microsoft Entra ID",
        WrongKey = "La clé d’administration n’est pas la bonne.",
        ErrorSummaryTitle = "Il y a un problème",
        TooManyTitle = "Trop de tentatives",
        TooManyBody = "Trop de tentatives de connexion depuis cette adresse. Réessayez dans {0}\u00a0minute(s).",
        SignedOutTitle = "Déconnecté",
        SignedOutBody = "Vous êtes déconnecté de la console.",
        SignInAgain = "Se reconnecter",
        RefusedTitle = "Requête refusée",
        RefusedBody = "Ce formulaire a expiré ou ne vient pas de la console. Rien n’a été modifié.",
        Back = "Retour",
        Title = "Titre",
        Url = "URL de la publication",
        Language = "Langue",
        LanguageDetect = "Détecter d’après le texte",
        English = "Anglais",
        French = "Français",
        PublishedAt = "Date de publication",
        PublishedAtHint = "Laissez vide pour maintenant.",
        Summary = "Résumé",
        Text = "Texte (texte brut ou HTML)",
        Preview = "Aperçu",
        Publish = "Publier",
        PreviewTitle = "Aperçu de la classification",
        PreviewIntro = "Le score de chaque pilier face au seuil. Cochez les piliers de la publication\u00a0: un choix différent de celui du classifieur est enregistré comme une correction manuelle.",
        Pillar = "Pilier",
        Score = "Score",
        Threshold = "Seuil",
        Found = "Au-dessus du seuil",
        NotFound = "Sous le seuil",
        FoundByModel = "Ajouté par le modèle appris\u00a0: sous le seuil, mais le modèle entraîné sur des textes étiquetés a jugé suffisants les indices ci-dessous",
        PillarsToPublish = "Piliers de la publication",
        Evidence = "Indices",
        Term = "Terme",
        Where = "Où",
        Weight = "Poids",
        Context = "En contexte",
        NoEvidence = "Aucun indice.",
        FieldNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["title"] = "titre", ["summary"] = "résumé", ["body"] = "texte" },
        Position = "{0}, caractère {1}",
        AlreadyExists = "Une publication existe déjà à cette URL\u00a0:",
        Filter = "Filtrer",
        AllPillars = "Tous les piliers",
        AllLanguages = "Toutes les langues",
        Date = "Date",
        Deliveries = "Envois",
        Delivered = "remis",
        Pending = "en attente",
        Failed = "en échec",
        NoPublications = "Aucune publication.",
        NextPage = "Page suivante",
        Channel = "Canal",
        ChannelNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = "Courriel", ["webhook"] = "Webhook" },
        Source = "Source",
        PillarsSetByAdmin = "choisis par un administrateur (correction manuelle)",
        PillarsByClassifier = "tels que classés",
        NoPillars = "Aucun\u00a0: personne n’est averti.",
        Failures = "Échecs",
        Subscriber = "Abonné",
        Status = "État",
        Attempts = "Tentatives",
        Reason = "Motif",
        NoFailures = "Aucun échec.",
        Resend = "Renvoyer",
        ResendHint = "Diffuse la publication à nouveau\u00a0; personne n’est averti deux fois.",
        ResendDone = "Renvoi\u00a0: {0}.",
        DeadLetters = "Lettres mortes",
        NoDeadLetters = "Aucune lettre morte.",
        Replay = "Rejouer",
        Replayed = "Rejouées\u00a0: {0}.",
        Published = "Publiée.",
        Existing = "Cette publication existait déjà\u00a0: rien n’a été renvoyé.",
        PublicationNotFound = "Cette publication n’existe pas.",
        FeedsIntro = "Les flux configurés et leur dernière lecture.",
        Feed = "Flux",
        LastFetch = "Dernière lecture",
        NewItems = "Nouveaux articles",
        Never = "Jamais",
        Ok = "OK",
        NoFeeds = "Aucun flux n’est configuré (Feeds__Sources).",
    };

    public required Language Lang { get; init; }

    public CultureInfo Culture => Lang.Culture;

    public required string DateFormat { get; init; }

    public required string ServiceName { get; init; }

    public required string OtherLanguage { get; init; }

    public required string Navigation { get; init; }

    public required string NewRelease { get; init; }

    public required string Publications { get; init; }

    public required string Feeds { get; init; }

    public required string SignOut { get; init; }

    public required string SignInTitle { get; init; }

    public required string SignInIntro { get; init; }

    public required string AdminKey { get; init; }

    public required string SignInAction { get; init; }

    public required string SignInWithEntra { get; init; }

    public required string WrongKey { get; init; }

    public required string ErrorSummaryTitle { get; init; }

    public required string TooManyTitle { get; init; }

    public required string TooManyBody { get; init; }

    public required string SignedOutTitle { get; init; }

    public required string SignedOutBody { get; init; }

    public required string SignInAgain { get; init; }

    public required string RefusedTitle { get; init; }

    public required string RefusedBody { get; init; }

    public required string Back { get; init; }

    public required string Title { get; init; }

    public required string Url { get; init; }

    public required string Language { get; init; }

    public required string LanguageDetect { get; init; }

    public required string English { get; init; }

    public required string French { get; init; }

    public required string PublishedAt { get; init; }

    public required string PublishedAtHint { get; init; }

    public required string Summary { get; init; }

    public required string Text { get; init; }

    public required string Preview { get; init; }

    public required string Publish { get; init; }

    public required string PreviewTitle { get; init; }

    public required string PreviewIntro { get; init; }

    public required string Pillar { get; init; }

    public required string Score { get; init; }

    public required string Threshold { get; init; }

    public required string Found { get; init; }

    public required string NotFound { get; init; }

    /// <summary>A pillar under the threshold that the classifier's learned gate added.</summary>
    public required string FoundByModel { get; init; }

    public required string PillarsToPublish { get; init; }

    public required string Evidence { get; init; }

    public required string Term { get; init; }

    public required string Where { get; init; }

    public required string Weight { get; init; }

    public required string Context { get; init; }

    public required string NoEvidence { get; init; }

    public required IReadOnlyDictionary<string, string> FieldNames { get; init; }

    public required string Position { get; init; }

    public required string AlreadyExists { get; init; }

    public required string Filter { get; init; }

    public required string AllPillars { get; init; }

    public required string AllLanguages { get; init; }

    public required string Date { get; init; }

    public required string Deliveries { get; init; }

    public required string Delivered { get; init; }

    public required string Pending { get; init; }

    public required string Failed { get; init; }

    public required string NoPublications { get; init; }

    public required string NextPage { get; init; }

    public required string Channel { get; init; }

    public required IReadOnlyDictionary<string, string> ChannelNames { get; init; }

    public required string Source { get; init; }

    public required string PillarsSetByAdmin { get; init; }

    public required string PillarsByClassifier { get; init; }

    public required string NoPillars { get; init; }

    public required string Failures { get; init; }

    public required string Subscriber { get; init; }

    public required string Status { get; init; }

    public required string Attempts { get; init; }

    public required string Reason { get; init; }

    public required string NoFailures { get; init; }

    public required string Resend { get; init; }

    public required string ResendHint { get; init; }

    public required string ResendDone { get; init; }

    public required string DeadLetters { get; init; }

    public required string NoDeadLetters { get; init; }

    public required string Replay { get; init; }

    public required string Replayed { get; init; }

    public required string Published { get; init; }

    public required string Existing { get; init; }

    public required string PublicationNotFound { get; init; }

    public required string FeedsIntro { get; init; }

    public required string Feed { get; init; }

    public required string LastFetch { get; init; }

    public required string NewItems { get; init; }

    public required string Never { get; init; }

    public required string Ok { get; init; }

    public required string NoFeeds { get; init; }

    public static ConsoleTexts For(Language language) => language.Pick(En, Fr);

    /// <summary>A date written out in this language, in UTC (e.g. "5 December 2026, 07:10 UTC", "5 décembre 2026 à 07 h 10 UTC").</summary>
    public string Written(DateTimeOffset at) => at.UtcDateTime.ToString(DateFormat, Culture);

    public string Number(double value) => value.ToString("0.##", Culture);
}
