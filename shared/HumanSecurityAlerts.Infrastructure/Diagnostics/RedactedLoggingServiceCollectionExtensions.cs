using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.Diagnostics;

public static class RedactedLoggingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the host's <see cref="ILoggerFactory"/> with a <see cref="RedactingLoggerFactory"/> over the usual
    /// <see cref="LoggerFactory"/>, so every logger resolved from this container redacts (see <see cref="LogRedaction"/>).
    /// </summary>
    public static IServiceCollection AddRedactedLogging(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton<LoggerFactory>();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(sp.GetRequiredService<LoggerFactory>())));
        return services;
    }
}
