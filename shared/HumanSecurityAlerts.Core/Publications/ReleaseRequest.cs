namespace HumanSecurityAlerts.Publications;

/// <summary>
/// Body of <c>POST /api/manage/publications</c> (and, without id/url/publishedAt/pillars, of the classification preview).
/// Every field is a string so that a bad value is reported by field name rather than as malformed JSON.
/// </summary>
public sealed class ReleaseRequest
{
    /// <summary>Optional id chosen by the admin; otherwise derived from the canonical URL.</summary>
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Summary { get; set; }

    /// <summary>The article text (plain text or HTML).</summary>
    public string? Text { get; set; }

    /// <summary>"en" or "fr"; when absent the classifier's detected language is used.</summary>
    public string? Language { get; set; }

    /// <summary>ISO 8601 date or date-time; defaults to now.</summary>
    public string? PublishedAt { get; set; }

    /// <summary>When present (even empty), these pillars replace the classifier's.</summary>
    public IReadOnlyList<string>? Pillars { get; set; }
}
