namespace HumanSecurityAlerts.Publications;

/// <summary>A stored publication: what was released or ingested, how it was classified, and whether it went out.</summary>
public sealed record Publication
{
    public required string Id { get; init; }

    /// <summary>Canonical URL (see <see cref="CanonicalUrl"/>).</summary>
    public required Uri Url { get; init; }

    public required string Title { get; init; }

    public string Summary { get; init; } = "";

    /// <summary>Plain text, bounded by <see cref="PublicationsOptions.MaxTextChars"/>.</summary>
    public string Text { get; init; } = "";

    public bool TextTruncated { get; init; }

    /// <summary>"en", "fr" or "other".</summary>
    public required string Language { get; init; }

    /// <summary>"admin" for a release, else the name of the feed it came from.</summary>
    public required string Source { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    public required DateTimeOffset IngestedAt { get; init; }

    /// <summary>Pillar ids, in catalogue order.</summary>
    public IReadOnlyList<string> Pillars { get; init; } = [];

    public bool PillarsSetByAdmin { get; init; }

    public PublicationClassification Classification { get; init; } = PublicationClassification.None;

    public bool PublishedToTopic { get; init; }

    public DateTimeOffset? PublishedToTopicAt { get; init; }

    /// <summary>W3C traceparent of the span that stored it: the outbox send, the fan-out and every delivery continue that trace.</summary>
    public string? TraceParent { get; init; }
}
