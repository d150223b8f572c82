using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>The English and French wording of the subscribe page.</summary>
internal sealed record SubscribePageTexts
{
    public static SubscribePageTexts En { get; } = new()
    {
        Title = "Subscribe to human security alerts",
        Intro = "Get an alert when NATO or the UN publish on the human security topics you follow, by email or webhook, in English or French.",
        OtherLanguage = "Français",
        Channel = "Receive alerts by",
        Email = "Email",
        Webhook = "Webhook (for systems)",
        EmailAddress = "Email address",
        WebhookUrl = "Webhook URL (https)",
        WebhookHint = "We send a signed verification event first; the endpoint must echo its validationCode as validationResponse.",
        Submit = "Subscribe",
        EmailSentTitle = "Check your inbox",
        EmailSentBody = "If this address can be subscribed, a confirmation email is on its way. Follow its link within 7 days to start receiving alerts.",
        WebhookTitle = "Webhook registered",
        WebhookVerified = "Your endpoint answered the verification event: the subscription is active.",
        WebhookNotVerified = "Your endpoint did not answer the verification event correctly, so the subscription is not active yet. Fix the endpoint, then verify it again from the management page.",
        SecretLabel = "Signing secret (shown only once: keep it safe)",
        ManageLink = "Manage this subscription",
        ErrorSummary = "Please correct the fields marked below.",
        FieldErrors = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["channel"] = "Choose email or webhook.",
            ["email"] = "Enter a valid email address.",
            ["url"] = "Enter a public https address that accepts webhooks.",
            ["pillars"] = "Choose at least one pillar.",
            ["language"] = "Choose English or French.",
            ["frequency"] = "Choose how often to receive alerts.",
        },
    };

    public static SubscribePageTexts Fr { get; } = new()
    {
        Title = "S’abonner aux alertes sécurité humaine",
        Intro = "Recevez une alerte quand l’OTAN ou l’ONU publient sur les thèmes de sécurité humaine que vous suivez, par courriel ou webhook, en français ou en anglais.",
        OtherLanguage = "English",
        Channel = "Recevoir les alertes par",
        Email = "Courriel",
        Webhook = "Webhook (pour les systèmes)",
        EmailAddress = "Adresse électronique",
        WebhookUrl = "URL du webhook (https)",
        WebhookHint = "Nous envoyons d’abord un événement de vérification signé\u00a0; le point de terminaison doit renvoyer son validationCode dans validationResponse.",
        Submit = "M’abonner",
        EmailSentTitle = "Consultez votre messagerie",
        EmailSentBody = "Si cette adresse peut être abonnée, un courriel de confirmation est en route. Suivez son lien dans les 7 jours pour commencer à recevoir les alertes.",
        WebhookTitle = "Webhook enregistré",
        WebhookVerified = "Votre point de terminaison a répondu à l’événement de vérification\u00a0: l’abonnement est actif.",
        WebhookNotVerified = "Votre point de terminaison n’a pas répondu correctement à l’événement de vérification\u00a0: l’abonnement n’est pas encore actif. Corrigez-le, puis relancez la vérification depuis la page de gestion.",
        SecretLabel = "Secret de signature (affiché une seule fois\u00a0: conservez-le)",
        ManageLink = "Gérer cet abonnement",
        ErrorSummary = "Veuillez corriger les champs signalés ci-dessous.",
        FieldErrors = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["channel"] = "Choisissez courriel ou webhook.",
            ["email"] = "Saisissez une adresse électronique valide.",
            ["url"] = "Saisissez une adresse https publique qui accepte les webhooks.",
            ["pillars"] = "Choisissez au moins un pilier.",
            ["language"] = "Choisissez le français ou l’anglais.",
            ["frequency"] = "Choisissez la fréquence des alertes.",
        },
    };

    public required string Title { get; init; }

    public required string Intro { get; init; }

    public required string OtherLanguage { get; init; }

    public required string Channel { get; init; }

    public required string Email { get; init; }

    public required string Webhook { get; init; }

    public required string EmailAddress { get; init; }

    public required string WebhookUrl { get; init; }

    public required string WebhookHint { get; init; }

    public required string Submit { get; init; }

    public required string EmailSentTitle { get; init; }

    public required string EmailSentBody { get; init; }

    public required string WebhookTitle { get; init; }

    public required string WebhookVerified { get; init; }

    public required string WebhookNotVerified { get; init; }

    public required string SecretLabel { get; init; }

    public required string ManageLink { get; init; }

    public required string ErrorSummary { get; init; }

    /// <summary>What to fix, by field, in the reader's language (the API's own messages are English and technical).</summary>
    public required IReadOnlyDictionary<string, string> FieldErrors { get; init; }

    public static SubscribePageTexts For(Language language) => language.Pick(En, Fr);
}
