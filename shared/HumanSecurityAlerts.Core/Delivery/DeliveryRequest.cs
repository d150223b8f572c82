using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Delivery;

/// <summary>One notification to send: what the deliveries queue carries (see <c>DeliveryMessage</c> for the wire form).</summary>
/// <param name="Run">Which send produced it: <c>g0</c> for the first fan-out, <c>g{n}</c> for the n-th admin resend,
/// <c>r{sequence}</c> for a dead-letter replay. Part of derived message ids, so reruns are not taken for duplicates.</param>
/// <param name="Attempt">1 for the first try; each reschedule after a transient failure adds one.</param>
public sealed record DeliveryRequest(string DeliveryId, string PublicationId, string SubscriberId, SubscriptionChannel Channel, string Run, int Attempt)
{
    private const string FirstFanOut = "g0";

    /// <summary>The first attempt of the first fan-out: normally no ledger row exists yet.</summary>
    public bool IsFirstTry => Attempt == 1 && Run == FirstFanOut;

    public static DeliveryRequest First(string publicationId, string subscriberId, SubscriptionChannel channel, int generation) =>
        new(Delivery.DeliveryId.Create(publicationId, subscriberId), publicationId, subscriberId, channel, "g" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
}
