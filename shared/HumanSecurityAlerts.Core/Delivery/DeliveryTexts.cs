using System.Globalization;

using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.Delivery;

/// <summary>The English and French wording of notification and digest emails (French with a no-break space before : ; ? !).</summary>
internal sealed record DeliveryTexts
{
    public static DeliveryTexts En { get; } = new()
    {
        Lang = Language.En,
        ServiceName = "Human security alerts",
        SubjectPrefix = "[Human security alerts] ",
        Intro = "A new publication matches your subscription:",
        Read = "Read it",
        Pillars = "Pillars",
        Published = "Published",
        Manage = "Manage your subscription",
        Unsubscribe = "Unsubscribe",
        DailySubject = "Your daily human security digest: {0} new publication(s)",
        WeeklySubject = "Your weekly human security digest: {0} new publication(s)",
        DigestIntro = "New publications on the pillars you follow since your last digest:",
        Footer = "You receive this email because you subscribed to NATO human security alerts.",
    };

    public static DeliveryTexts Fr { get; } = new()
    {
        Lang = Language.Fr,
        ServiceName = "Alertes sécurité humaine",
        SubjectPrefix = "[Alertes sécurité humaine] ",
        Intro = "Une nouvelle publication correspond à votre abonnement\u00a0:",
        Read = "Lire la publication",
        Pillars = "Piliers",
        Published = "Date de publication",
        Manage = "Gérer mon abonnement",
        Unsubscribe = "Me désabonner",
        DailySubject = "Votre résumé quotidien sécurité humaine\u00a0: {0} nouvelle(s) publication(s)",
        WeeklySubject = "Votre résumé hebdomadaire sécurité humaine\u00a0: {0} nouvelle(s) publication(s)",
        DigestIntro = "Nouvelles publications sur les piliers que vous suivez depuis votre dernier résumé\u00a0:",
        Footer = "Vous recevez ce message parce que vous êtes abonné(e) aux alertes de l’OTAN sur la sécurité humaine.",
    };

    public required Language Lang { get; init; }
    public CultureInfo Culture => Lang.Culture;
    public string Colon => Lang.Colon;
    public required string ServiceName { get; init; }
    public required string SubjectPrefix { get; init; }
    public required string Intro { get; init; }
    public required string Read { get; init; }
    public required string Pillars { get; init; }
    public required string Published { get; init; }
    public required string Manage { get; init; }
    public required string Unsubscribe { get; init; }
    public required string DailySubject { get; init; }
    public required string WeeklySubject { get; init; }
    public required string DigestIntro { get; init; }
    public required string Footer { get; init; }

    public static DeliveryTexts For(Language language) => language.Pick(En, Fr);

    /// <summary>A date written out in this language: "25 February 2021", "25 février 2021".</summary>
    public string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", Culture);
}
