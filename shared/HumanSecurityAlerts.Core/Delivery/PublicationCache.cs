using System.Collections.Concurrent;
using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// Publications read by delivery, kept for a few minutes: one fan-out produces thousands of deliveries of the same
/// publication, which should cost one storage read, not thousands.
/// </summary>
internal sealed class PublicationCache(IPublicationStore store, TimeProvider time)
{
    private const int MaxEntries = 256;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (Publication? Publication, DateTimeOffset Expires)> entries = new(StringComparer.Ordinal);

    public async Task<Publication?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(id, out var entry) && entry.Expires > now && entry.Publication is not null)
        {
            return entry.Publication;
        }

        var publication = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        if (publication is not null)
        {
            entries[id] = (publication, now + Lifetime);
        }

        return publication;
    }
}
