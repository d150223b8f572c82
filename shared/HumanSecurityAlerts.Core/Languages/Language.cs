using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HumanSecurityAlerts.Languages;

/// <summary>
/// A language the service writes in: English or French. Parsed once from its code where a value comes in (a request,
/// a query, a stored row); <see cref="ToString"/> gives the code back ("en", "fr") for URLs, JSON and storage.
/// </summary>
public readonly record struct Language
{
    // A flag rather than the code, so that default(Language) is English and never an unknown language.
    private readonly bool french;

    private Language(bool french) => this.french = french;

    public static Language En { get; } = new(french: false);

    public static Language Fr { get; } = new(french: true);

    public static IReadOnlyList<Language> All { get; } = [En, Fr];

    /// <summary>The other of the two, which a page's language switch leads to.</summary>
    public Language Other => new(!french);

    /// <summary>"en" or "fr".</summary>
    public string Code => french ? "fr" : "en";

    /// <summary>The language's name in itself: "English", "Français".</summary>
    public string Name => french ? "Français" : "English";

    /// <summary>en-GB or fr-FR, for dates and numbers.</summary>
    public CultureInfo Culture => CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB");

    /// <summary>What goes between a label and its value: French typography puts a no-break space before the colon.</summary>
    public string Colon => french ? "\u00a0: " : ": ";

    /// <summary>The one of two per-language values (texts, names) that is in this language.</summary>
    public T Pick<T>(T english, T french) => this.french ? french : english;

    /// <summary>Reads a language code, exactly as written ("en" or "fr"; not "EN", not "fr-FR").</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Language language)
    {
        language = code == "fr" ? Fr : En;
        return code is "en" or "fr";
    }

    /// <summary>The language of an <c>Accept-Language</c> header: French when it puts French first, else English.</summary>
    public static Language FromAcceptLanguage(string? header) =>
        header?.TrimStart().StartsWith("fr", StringComparison.OrdinalIgnoreCase) == true ? Fr : En;

    public override string ToString() => Code;
}
