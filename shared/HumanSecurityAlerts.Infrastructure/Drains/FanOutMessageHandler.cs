using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.Drains;

/// <summary>
/// Handles a message of the publications topic's fan-out subscription (<see cref="PublicationMessage"/>): runs (or
/// resumes) the fan-out of that publication. Application property <see cref="PublicationMessage.GenerationProperty"/> (an admin resend)
/// selects the generation, 0 when absent.
/// </summary>
internal sealed class FanOutMessageHandler(FanOutService fanOut) : IMessageHandler
{
    public async Task<MessageDecision> HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        PublicationMessageBody body;
        try
        {
            body = PublicationMessage.ReadBody(message.Body);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return MessageDecision.DeadLetter("InvalidMessage", "The publication message body could not be read: " + e.GetType().Name);
        }

        if (!PublicationId.IsValid(body.Id))
        {
            return MessageDecision.DeadLetter("InvalidMessage", "The publication id is missing or malformed.");
        }

        var generation = message.ApplicationProperties.TryGetValue(PublicationMessage.GenerationProperty, out var g) ? Convert.ToInt32(g, CultureInfo.InvariantCulture) : 0;
        await fanOut.RunAsync(
            new FanOutRequest(body.Id, body.Title, body.Url, body.Pillars ?? [], body.Language, body.PublishedAt, Math.Max(0, generation)),
            cancellationToken).ConfigureAwait(false);
        return MessageDecision.Complete;
    }

    public ServiceBusMessage CreateRetry(ServiceBusReceivedMessage message, MessageDecision decision) =>
        throw new NotSupportedException("Fan-out messages are abandoned, not rescheduled.");
}
