using System.Security.Cryptography;
using System.Text;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// The deterministic id of one notification (publication + subscriber): <c>d</c> + 32 lower-case hex characters
/// (SHA-256 of <c>publicationId|subscriberId</c>, truncated). Used as the deliveries queue's MessageId, as the webhook's
/// <c>webhook-id</c> (receivers dedupe on it) and stored in the ledger. Fixed length, so derived message ids
/// (<c>{id}:{run}:{attempt}</c>) stay well under Service Bus's 128 characters.
/// </summary>
public static class DeliveryId
{
    public static string Create(string publicationId, string subscriberId)
    {
        ArgumentNullException.ThrowIfNull(publicationId);
        ArgumentNullException.ThrowIfNull(subscriberId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(publicationId + "|" + subscriberId));
        return "d" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public static bool IsWellFormed(string? id) =>
        id is { Length: 33 } && id[0] == 'd' && !id.AsSpan(1).ContainsAnyExcept(Hex);

    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdef");
}
