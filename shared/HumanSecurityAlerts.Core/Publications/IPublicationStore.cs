namespace HumanSecurityAlerts.Publications;

/// <summary>Publications, their "newest first" index, and the outbox of publications not yet sent to the topic.</summary>
public interface IPublicationStore
{
    /// <summary>
    /// Stores the publication once: the outbox entry first, then the publication itself. When a publication with the
    /// same id already exists, nothing is changed and the stored one is returned with <c>Created = false</c>.
    /// </summary>
    Task<PublicationAddResult> AddAsync(Publication publication, CancellationToken cancellationToken);

    Task<Publication?> GetAsync(string id, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes (idempotently) the index rows that make the publication appear in listings and pillar feeds.</summary>
    Task IndexAsync(Publication publication, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="pillar"/> null means every publication.</summary>
    Task<PublicationPage> ListAsync(string? pillar, string? language, int top, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Records that the publication reached the topic and removes its outbox entry.</summary>
    Task MarkPublishedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Ids in the outbox: stored (or being stored) but not yet sent.</summary>
    Task<IReadOnlyList<OutboxEntry>> GetOutboxAsync(int max, CancellationToken cancellationToken);

    Task RemoveFromOutboxAsync(string id, CancellationToken cancellationToken);
}
