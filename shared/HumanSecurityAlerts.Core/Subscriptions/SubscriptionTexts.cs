using System.Globalization;

using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The English and French wording of the subscription pages and emails.</summary>
internal sealed record SubscriptionTexts
{
    public static SubscriptionTexts En { get; } = new()
    {
        Lang = Languages.Language.En,
        ServiceName = "Human security alerts",
        ConfirmSubject = "Confirm your subscription to human security alerts",
        ConfirmIntro = "Someone, hopefully you, asked to receive NATO human security alerts at this address for:",
        ConfirmAction = "Confirm my subscription",
        ConfirmExpiry = "This link works for 7 days. If you did not ask for this, ignore this email: nothing will be sent.",
        AlreadySubject = "You are already subscribed to human security alerts",
        AlreadyIntro = "Someone asked to subscribe this address, but it is already subscribed. You can change your preferences or unsubscribe here:",
        ManageAction = "Manage my subscription",
        ConfirmPageTitle = "Confirm your subscription",
        ConfirmPageBody = "One more step: press the button to start receiving alerts.",
        AlreadyConfirmedTitle = "Already confirmed",
        AlreadyConfirmedBody = "This subscription is already confirmed. Nothing was changed.",
        TooManyTitle = "Please try again later",
        TooManyBody = "Too many requests have been made just now. Nothing was changed. Please try again in {0} minute(s).",
        NewLinkAction = "Replace my management link",
        NewLinkHint = "If this link was shared or forwarded, replace it: the old link stops working at once, and alerts from now on carry the new one.",
        NewLinkTitle = "Your new management link",
        NewLinkBody = "Keep this link private. The previous link no longer works; the alerts you receive from now on carry this one.",
        ConfirmedTitle = "Subscription confirmed",
        ConfirmedBody = "Thank you. Your subscription is active.",
        ManageTitle = "Your subscription",
        Status = "Status",
        StatusPending = "pending confirmation",
        StatusActive = "active",
        StatusUnsubscribed = "unsubscribed",
        Channel = "Channel",
        Pillars = "Pillars",
        Language = "Language",
        Frequency = "Frequency",
        Immediate = "Immediately",
        Daily = "Daily digest",
        Weekly = "Weekly digest",
        Save = "Save my preferences",
        Saved = "Your preferences are saved.",
        UnsubscribeTitle = "Unsubscribe",
        UnsubscribeQuestion = "Do you want to stop receiving human security alerts?",
        UnsubscribeAction = "Unsubscribe",
        UnsubscribedTitle = "You are unsubscribed",
        UnsubscribedBody = "You will receive no more alerts. You can subscribe again at any time.",
        InvalidLinkTitle = "Link not valid",
        InvalidLinkBody = "This link is not valid or has already been used. Nothing was changed.",
        ExpiredLinkTitle = "Link expired",
        ExpiredLinkBody = "This confirmation link has expired. Nothing was changed. Please subscribe again to get a new link.",
        InvalidFormTitle = "Please check your choices",
        ChoosePillar = "Choose at least one pillar.",
        Unsubscribe = "Unsubscribe from all alerts",
        Disabled = "Deliveries paused",
        DisabledBody = "Deliveries to this endpoint were paused on {0} because it kept failing. Fix the endpoint, then verify it again to resume. Details:",
        BackToSubscribe = "Back to the subscribe page",
        BackToManage = "Back to your subscription",
        ChannelEmail = "Email",
        ChannelWebhook = "Webhook",
        WebhookFrequencyHint = "Webhooks receive each alert as it is published.",
        VerifyAgain = "Verify again",
        VerifyHint = "Sends the signed verification event to your endpoint again; the subscription becomes active when it answers.",
        VerifiedTitle = "Endpoint verified",
        VerifiedBody = "Your endpoint answered the verification event: the subscription is active.",
        NotVerifiedTitle = "Verification failed",
        NotVerifiedBody = "Your endpoint did not answer the verification event correctly. Details:",
        RotateSecret = "Rotate the signing secret",
        RotateSecretHint = "Issues a new signing secret, shown once; the previous one keeps signing alongside it for 24 hours.",
        RotatedTitle = "New signing secret",
        RotatedBody = "Keep it safe: it is shown only once. The previous secret keeps signing alongside it until {0}.",
        SecretLabel = "Signing secret",
    };

    public static SubscriptionTexts Fr { get; } = new()
    {
        Lang = Languages.Language.Fr,
        ServiceName = "Alertes sécurité humaine",
        ConfirmSubject = "Confirmez votre abonnement aux alertes sécurité humaine",
        ConfirmIntro = "Quelqu’un, vous sans doute, a demandé à recevoir à cette adresse les alertes de l’OTAN sur la sécurité humaine pour\u00a0:",
        ConfirmAction = "Confirmer mon abonnement",
        ConfirmExpiry = "Ce lien est valable 7 jours. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: rien ne vous sera envoyé.",
        AlreadySubject = "Vous êtes déjà abonné(e) aux alertes sécurité humaine",
        AlreadyIntro = "Quelqu’un a demandé l’abonnement de cette adresse, qui est déjà abonnée. Vous pouvez modifier vos préférences ou vous désabonner ici\u00a0:",
        ManageAction = "Gérer mon abonnement",
        ConfirmPageTitle = "Confirmez votre abonnement",
        ConfirmPageBody = "Dernière étape\u00a0: appuyez sur le bouton pour commencer à recevoir les alertes.",
        AlreadyConfirmedTitle = "Déjà confirmé",
        AlreadyConfirmedBody = "Cet abonnement est déjà confirmé. Rien n’a été modifié.",
        TooManyTitle = "Veuillez réessayer plus tard",
        TooManyBody = "Trop de demandes viennent d’être faites. Rien n’a été modifié. Veuillez réessayer dans {0}\u00a0minute(s).",
        NewLinkAction = "Remplacer mon lien de gestion",
        NewLinkHint = "Si ce lien a été partagé ou transféré, remplacez-le\u00a0: l’ancien cesse aussitôt de fonctionner et les prochaines alertes porteront le nouveau.",
        NewLinkTitle = "Votre nouveau lien de gestion",
        NewLinkBody = "Gardez ce lien pour vous. L’ancien lien ne fonctionne plus\u00a0; les alertes que vous recevrez désormais porteront celui-ci.",
        ConfirmedTitle = "Abonnement confirmé",
        ConfirmedBody = "Merci. Votre abonnement est actif.",
        ManageTitle = "Votre abonnement",
        Status = "Statut",
        StatusPending = "en attente de confirmation",
        StatusActive = "actif",
        StatusUnsubscribed = "désabonné",
        Channel = "Canal",
        Pillars = "Piliers",
        Language = "Langue",
        Frequency = "Fréquence",
        Immediate = "Immédiatement",
        Daily = "Résumé quotidien",
        Weekly = "Résumé hebdomadaire",
        Save = "Enregistrer mes préférences",
        Saved = "Vos préférences sont enregistrées.",
        UnsubscribeTitle = "Se désabonner",
        UnsubscribeQuestion = "Voulez-vous ne plus recevoir les alertes sécurité humaine\u00a0?",
        UnsubscribeAction = "Me désabonner",
        UnsubscribedTitle = "Vous êtes désabonné(e)",
        UnsubscribedBody = "Vous ne recevrez plus d’alertes. Vous pouvez vous réabonner à tout moment.",
        InvalidLinkTitle = "Lien non valide",
        InvalidLinkBody = "Ce lien n’est pas valide ou a déjà été utilisé. Rien n’a été modifié.",
        ExpiredLinkTitle = "Lien expiré",
        ExpiredLinkBody = "Ce lien de confirmation a expiré. Rien n’a été modifié. Abonnez-vous de nouveau pour recevoir un nouveau lien.",
        InvalidFormTitle = "Veuillez vérifier vos choix",
        ChoosePillar = "Choisissez au moins un pilier.",
        Unsubscribe = "Me désabonner de toutes les alertes",
        Disabled = "Envois suspendus",
        DisabledBody = "Les envois vers ce point de terminaison ont été suspendus le {0}, car il échouait sans cesse. Corrigez-le, puis vérifiez-le de nouveau pour reprendre les envois. Détails\u00a0:",
        BackToSubscribe = "Retour à la page d’abonnement",
        BackToManage = "Retour à votre abonnement",
        ChannelEmail = "Courriel",
        ChannelWebhook = "Webhook",
        WebhookFrequencyHint = "Les webhooks reçoivent chaque alerte dès sa publication.",
        VerifyAgain = "Vérifier de nouveau",
        VerifyHint = "Renvoie l’événement de vérification signé à votre point de terminaison\u00a0; l’abonnement devient actif dès qu’il répond.",
        VerifiedTitle = "Point de terminaison vérifié",
        VerifiedBody = "Votre point de terminaison a répondu à l’événement de vérification\u00a0: l’abonnement est actif.",
        NotVerifiedTitle = "Échec de la vérification",
        NotVerifiedBody = "Votre point de terminaison n’a pas répondu correctement à l’événement de vérification. Détails\u00a0:",
        RotateSecret = "Remplacer le secret de signature",
        RotateSecretHint = "Crée un nouveau secret de signature, affiché une seule fois\u00a0; l’ancien continue de signer en parallèle pendant 24\u00a0heures.",
        RotatedTitle = "Nouveau secret de signature",
        RotatedBody = "Conservez-le\u00a0: il n’est affiché qu’une fois. L’ancien secret continue de signer en parallèle jusqu’au {0}.",
        SecretLabel = "Secret de signature",
    };

    public required Language Lang { get; init; }
    public required string ServiceName { get; init; }
    public required string ConfirmSubject { get; init; }
    public required string ConfirmIntro { get; init; }
    public required string ConfirmAction { get; init; }
    public required string ConfirmExpiry { get; init; }
    public required string AlreadySubject { get; init; }
    public required string AlreadyIntro { get; init; }
    public required string ManageAction { get; init; }
    public required string ConfirmPageTitle { get; init; }
    public required string ConfirmPageBody { get; init; }
    public required string AlreadyConfirmedTitle { get; init; }
    public required string AlreadyConfirmedBody { get; init; }
    public required string TooManyTitle { get; init; }
    public required string TooManyBody { get; init; }
    public required string NewLinkAction { get; init; }
    public required string NewLinkHint { get; init; }
    public required string NewLinkTitle { get; init; }
    public required string NewLinkBody { get; init; }
    public required string ConfirmedTitle { get; init; }
    public required string ConfirmedBody { get; init; }
    public required string ManageTitle { get; init; }
    public required string Status { get; init; }
    public required string StatusPending { get; init; }
    public required string StatusActive { get; init; }
    public required string StatusUnsubscribed { get; init; }
    public required string Channel { get; init; }
    public required string Pillars { get; init; }
    public required string Language { get; init; }
    public required string Frequency { get; init; }
    public required string Immediate { get; init; }
    public required string Daily { get; init; }
    public required string Weekly { get; init; }
    public required string Save { get; init; }
    public required string Saved { get; init; }
    public required string UnsubscribeTitle { get; init; }
    public required string UnsubscribeQuestion { get; init; }
    public required string UnsubscribeAction { get; init; }
    public required string UnsubscribedTitle { get; init; }
    public required string UnsubscribedBody { get; init; }
    public required string InvalidLinkTitle { get; init; }
    public required string InvalidLinkBody { get; init; }
    public required string ExpiredLinkTitle { get; init; }
    public required string ExpiredLinkBody { get; init; }
    public required string InvalidFormTitle { get; init; }
    public required string ChoosePillar { get; init; }
    public required string Unsubscribe { get; init; }
    public required string Disabled { get; init; }
    public required string DisabledBody { get; init; }
    public required string BackToSubscribe { get; init; }
    public required string BackToManage { get; init; }
    public required string ChannelEmail { get; init; }
    public required string ChannelWebhook { get; init; }
    public required string WebhookFrequencyHint { get; init; }
    public required string VerifyAgain { get; init; }
    public required string VerifyHint { get; init; }
    public required string VerifiedTitle { get; init; }
    public required string VerifiedBody { get; init; }
    public required string NotVerifiedTitle { get; init; }
    public required string NotVerifiedBody { get; init; }
    public required string RotateSecret { get; init; }
    public required string RotateSecretHint { get; init; }
    public required string RotatedTitle { get; init; }
    public required string RotatedBody { get; init; }
    public required string SecretLabel { get; init; }

    public CultureInfo Culture => Lang.Culture;

    /// <summary>A date and time written out in this language, in UTC: "5 December 2026, 07:10 UTC", "5 décembre 2026 à 07 h 10 UTC".</summary>
    public string Written(DateTimeOffset at) => at.UtcDateTime.ToString(Lang.Pick("d MMMM yyyy, HH:mm 'UTC'", "d MMMM yyyy 'à' HH' h 'mm 'UTC'"), Culture);

    public string ChannelName(SubscriptionChannel channel) => channel == SubscriptionChannel.Webhook ? ChannelWebhook : ChannelEmail;

    public static SubscriptionTexts For(Language language) => language.Pick(En, Fr);

    public string StatusName(SubscriberStatus status) => status switch
    {
        SubscriberStatus.Active => StatusActive,
        SubscriberStatus.Unsubscribed => StatusUnsubscribed,
        _ => StatusPending,
    };

    public string FrequencyName(SubscriptionFrequency frequency) => frequency switch
    {
        SubscriptionFrequency.Daily => Daily,
        SubscriptionFrequency.Weekly => Weekly,
        _ => Immediate,
    };
}
