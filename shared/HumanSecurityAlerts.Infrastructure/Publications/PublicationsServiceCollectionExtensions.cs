using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanSecurityAlerts.Publications;

public static class PublicationsServiceCollectionExtensions
{
    /// <summary>
    /// Publications (store, release API services, outbox publishing to the topic), with <see cref="PublicationsOptions"/>
    /// (section "Publications") validated at start-up. <see cref="IReleaseNotifier"/> defaults to doing nothing: the
    /// drains replace it. The classifier behind <see cref="IPublicationClassifier"/> is registered by the composition root.
    /// </summary>
    public static IServiceCollection AddPublications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PublicationsOptions>()
            .Bind(configuration.GetSection(PublicationsOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.FutureTolerance >= TimeSpan.Zero, $"Setting '{PublicationsOptions.SectionName}__FutureTolerance' must not be negative.")
            .Validate(o => o.SendTimeout > TimeSpan.Zero, $"Setting '{PublicationsOptions.SectionName}__SendTimeout' must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IPublicationStore, TablePublicationStore>();
        services.TryAddSingleton<IPublicationEventPublisher, ServiceBusPublicationEventPublisher>();
        services.TryAddSingleton<IReleaseNotifier, NoReleaseNotifier>();
        services.TryAddSingleton<PublicationPublisher>();
        services.TryAddSingleton<IOutboxRetry, OutboxRetry>();
        services.TryAddSingleton<PublicationFactory>();
        services.TryAddSingleton<PublicationReleaseService>();

        return services;
    }
}
