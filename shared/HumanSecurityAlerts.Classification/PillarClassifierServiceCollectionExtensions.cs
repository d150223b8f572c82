using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Classification;

public static class PillarClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPillarClassifier"/> as a singleton (its vocabulary and per-thread caches
    /// are built once) and the use cases' <see cref="IPublicationClassifier"/> over it, with <see cref="ClassifierOptions"/> bound from the "Classifier" section and
    /// validated at start-up.
    /// </summary>
    public static IServiceCollection AddPillarClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ClassifierOptions>()
            .Bind(configuration.GetSection(ClassifierOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IPillarClassifier>(sp => new PillarClassifier(sp.GetRequiredService<IOptions<ClassifierOptions>>().Value));
        services.TryAddSingleton<IPublicationClassifier, PublicationClassifier>();
        return services;
    }
}
