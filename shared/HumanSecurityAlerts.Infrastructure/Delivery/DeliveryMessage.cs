using System.Globalization;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Subscriptions;

namespace HumanSecurityAlerts.Delivery;

/// <summary>
/// The message on the deliveries queue, one per notification:
/// <list type="bullet">
/// <item><c>MessageId</c>: the delivery id for the first fan-out's first attempt; <c>{deliveryId}:{run}</c> for another
/// run (an admin resend <c>g{n}</c>, a replay <c>r{sequence}</c>); <c>{deliveryId}:{run}:{attempt}</c> for a retry. The
/// queue's duplicate detection absorbs a repeated send of the same one; a retry or a rerun is not taken for one.</item>
/// <item>Application properties <c>deliveryId</c>, <c>publicationId</c>, <c>subscriberId</c>, <c>channel</c>
/// ("email"/"webhook"), <c>run</c>, <c>attempt</c> (1-based); <c>Subject</c> = "delivery". The body repeats the ids as JSON.</item>
/// <item><c>Diagnostic-Id</c> and <c>traceparent</c>: the fan-out's span; a retry's copy keeps them, so every attempt
/// stays in the release's trace.</item>
/// </list>
/// </summary>
public static class DeliveryMessage
{
    public const string Subject = "delivery";
    public const string DeliveryIdProperty = "deliveryId";
    public const string PublicationIdProperty = "publicationId";
    public const string SubscriberIdProperty = "subscriberId";
    public const string ChannelProperty = "channel";
    public const string RunProperty = "run";
    public const string AttemptProperty = "attempt";

    public static string MessageIdFor(string deliveryId, string run, int attempt) => (run, attempt) switch
    {
        ("g0", 1) => deliveryId,
        (_, 1) => deliveryId + ":" + run,
        _ => deliveryId + ":" + run + ":" + attempt.ToString(CultureInfo.InvariantCulture),
    };

    public static ServiceBusMessage Create(DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = BinaryData.FromObjectAsJson(new { request.DeliveryId, request.PublicationId, request.SubscriberId, Channel = request.Channel.Name() }, Json);
        var message = new ServiceBusMessage(body)
        {
            MessageId = MessageIdFor(request.DeliveryId, request.Run, request.Attempt),
            Subject = Subject,
            ContentType = "application/json",
        };
        message.ApplicationProperties[DeliveryIdProperty] = request.DeliveryId;
        message.ApplicationProperties[PublicationIdProperty] = request.PublicationId;
        message.ApplicationProperties[SubscriberIdProperty] = request.SubscriberId;
        message.ApplicationProperties[ChannelProperty] = request.Channel.Name();
        message.ApplicationProperties[RunProperty] = request.Run;
        message.ApplicationProperties[AttemptProperty] = request.Attempt;
        ServiceBusTraceContext.Inject(message);
        return message;
    }

    public static bool TryRead(ServiceBusReceivedMessage message, out DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(message);
        request = null!;
        var p = message.ApplicationProperties;
        if (Get(p, DeliveryIdProperty) is not { } deliveryId || Get(p, PublicationIdProperty) is not { } publicationId
            || Get(p, SubscriberIdProperty) is not { } subscriberId || !SubscriptionNames.TryParseChannel(Get(p, ChannelProperty), out var channel))
        {
            return false;
        }

        var attempt = p.TryGetValue(AttemptProperty, out var a) ? Convert.ToInt32(a, CultureInfo.InvariantCulture) : 1;
        request = new DeliveryRequest(deliveryId, publicationId, subscriberId, channel, Get(p, RunProperty) ?? "g0", Math.Max(1, attempt));
        return true;
    }

    /// <summary>A copy of a received delivery message for another attempt or run (without broker and dead-letter properties).</summary>
    public static ServiceBusMessage Copy(ServiceBusReceivedMessage message, DeliveryRequest request, string run, int attempt)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        var copy = new ServiceBusMessage(message) { MessageId = MessageIdFor(request.DeliveryId, run, attempt) };
        copy.ApplicationProperties.Remove("DeadLetterReason");
        copy.ApplicationProperties.Remove("DeadLetterErrorDescription");
        copy.ApplicationProperties[RunProperty] = run;
        copy.ApplicationProperties[AttemptProperty] = attempt;
        return copy;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static string? Get(IReadOnlyDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value as string : null;
}
