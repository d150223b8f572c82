using System.Globalization;
using HumanSecurityAlerts.Messaging;

namespace HumanSecurityAlerts.Publications;

/// <summary>Sends <see cref="PublicationMessage"/>s to the publications topic.</summary>
internal sealed class ServiceBusPublicationEventPublisher(ServiceBusSenders senders) : IPublicationEventPublisher
{
    public Task PublishAsync(Publication publication, CancellationToken cancellationToken) =>
        senders.PublicationsTopic.SendMessageAsync(PublicationMessage.Create(publication), cancellationToken);

    public Task ResendAsync(Publication publication, int generation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var message = PublicationMessage.Create(publication);
        message.MessageId = publication.Id + ":resend:" + generation.ToString(CultureInfo.InvariantCulture);
        message.ApplicationProperties[PublicationMessage.GenerationProperty] = generation;
        return senders.PublicationsTopic.SendMessageAsync(message, cancellationToken);
    }
}
