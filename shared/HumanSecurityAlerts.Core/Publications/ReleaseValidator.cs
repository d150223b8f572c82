using System.Globalization;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Text;
using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.Publications;

public static class ReleaseValidator
{
    public static FieldErrors Validate(ReleaseRequest request, PublicationsOptions options, DateTimeOffset now, out ValidRelease? release)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        release = null;
        var errors = new FieldErrors();

        var title = SafeText.Clean(request.Title).Trim();
        if (title.Length == 0)
        {
            errors.Add("title", "A title is required.");
        }
        else if (SafeText.IsInvisible(title))
        {
            errors.Add("title", "The title must contain visible characters, not only spaces, zero-width or formatting characters.");
        }
        else if (title.Length > PublicationsOptions.MaxTitleChars)
        {
            errors.Add("title", $"The title must not exceed {PublicationsOptions.MaxTitleChars} characters.");
        }

        Uri? url = null;
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            errors.Add("url", "A URL is required.");
        }
        else if (!CanonicalUrl.TryCreate(request.Url, out url))
        {
            errors.Add("url", $"The URL must be an absolute http or https URL of at most {CanonicalUrl.MaxLength} characters, without credentials.");
        }

        if (request.Id is not null && !PublicationId.IsValid(request.Id))
        {
            errors.Add("id", $"The id must be 1 to {PublicationId.MaxLength} lower-case letters, digits or inner dashes.");
        }

        var summary = SafeText.Clean(request.Summary).Trim();
        if (summary.Length > PublicationsOptions.MaxSummaryChars)
        {
            errors.Add("summary", $"The summary must not exceed {PublicationsOptions.MaxSummaryChars} characters.");
        }

        ValidateLanguage(request.Language, errors);

        var publishedAt = now;
        if (!string.IsNullOrWhiteSpace(request.PublishedAt))
        {
            if (!DateTimeOffset.TryParse(request.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out publishedAt))
            {
                errors.Add("publishedAt", "The publication date must be an ISO 8601 date or date-time.");
            }
            else if (publishedAt > now + options.FutureTolerance)
            {
                errors.Add("publishedAt", "The publication date must not be in the future.");
            }
            else if (publishedAt.Year < 1900)
            {
                errors.Add("publishedAt", "The publication date is too far in the past.");
            }
        }

        IReadOnlyList<string>? pillars = null;
        if (request.Pillars is not null)
        {
            var unknown = request.Pillars.Where(p => !PillarId.TryParse(p, out _)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("pillars", $"Unknown pillar(s): {string.Join(", ", unknown.Select(u => u is null ? "null" : $"'{Shorten(u)}'"))}. Known: {string.Join(", ", PillarCatalog.All.Select(p => p.Id))}.");
            }
            else
            {
                pillars = InCatalogueOrder(request.Pillars);
            }
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        var (text, truncated) = Bound(SafeText.Clean(request.Text), options.MaxTextChars);
        release = new ValidRelease(
            request.Id ?? PublicationId.FromCanonicalUrl(url!),
            url!,
            title,
            summary,
            text,
            request.Language,
            publishedAt.ToUniversalTime(),
            pillars,
            truncated);
        return errors;
    }

    /// <summary>Checks a classification preview: some text, and a known language if one is given.</summary>
    public static FieldErrors ValidatePreview(ReleaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Title) && string.IsNullOrWhiteSpace(request.Summary) && string.IsNullOrWhiteSpace(request.Text))
        {
            errors.Add("text", "Send a title, a summary or a text to classify.");
        }

        ValidateLanguage(request.Language, errors);
        return errors;
    }

    public static IReadOnlyList<string> InCatalogueOrder(IEnumerable<string> pillars)
    {
        var set = pillars.ToHashSet(StringComparer.Ordinal);
        return [.. PillarCatalog.All.Select(p => p.Id).Where(set.Contains)];
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters, never between a surrogate pair.</summary>
    public static (string Text, bool Truncated) Bound(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ("", false);
        }

        if (text.Length <= max)
        {
            return (text, false);
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return (text[..cut], true);
    }

    private static void ValidateLanguage(string? language, FieldErrors errors)
    {
        if (language is not null && !Language.TryParse(language, out _))
        {
            errors.Add("language", "The language must be 'en' or 'fr' (or left out to detect it).");
        }
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
