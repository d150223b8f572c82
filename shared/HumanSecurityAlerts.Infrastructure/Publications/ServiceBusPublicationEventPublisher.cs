using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Messaging;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Publications;

/// <summary>Sends <see cref="PublicationMessage"/>s to the publications topic. One sender per process (thread-safe).</summary>
internal sealed class ServiceBusPublicationEventPublisher(ServiceBusClient client, IOptions<ServiceBusOptions> options) : IPublicationEventPublisher
{
    private readonly Lazy<ServiceBusSender> sender = new(() => client.CreateSender(options.Value.PublicationsTopic));

    public Task PublishAsync(Publication publication, CancellationToken cancellationToken) =>
        sender.Value.SendMessageAsync(PublicationMessage.Create(publication), cancellationToken);
}
