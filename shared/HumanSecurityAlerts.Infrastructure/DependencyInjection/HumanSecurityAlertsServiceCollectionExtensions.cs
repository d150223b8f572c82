using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Configuration;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Feeds;
using HumanSecurityAlerts.Health;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.RateLimiting;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.DependencyInjection;

public static class HumanSecurityAlertsServiceCollectionExtensions
{
    /// <summary>
    /// Everything the service needs, shared by the Functions app, the local host and the tests.
    /// Configuration is validated when the host starts, so a bad setting fails fast with its name.
    /// </summary>
    public static IServiceCollection AddHumanSecurityAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddRedactedLogging();
        services.AddMetrics();
        services.TryAddSingleton<ServiceTelemetry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPillarClassifier(configuration);

        services.AddOptions<TableStorageOptions>()
            .Configure(o => ConnectionSection.Bind(configuration, TableStorageOptions.SectionName, o, (x, cs) => x.ConnectionString = cs))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TableStorageOptions>, TableStorageOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TableStorageOptions>>().Value;
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(o.TableServiceUri, AzureCredentials.For(o.ClientId))
                : new TableServiceClient(o.ConnectionString);
        });
        services.AddSingleton<TableProvider>();

        services.AddOptions<ServiceBusOptions>()
            .Configure(o => ConnectionSection.Bind(configuration, ServiceBusOptions.SectionName, o, (x, cs) => x.ConnectionString = cs))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServiceBusOptions>, ServiceBusOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value;
            return string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new ServiceBusClient(o.FullyQualifiedNamespace, AzureCredentials.For(o.ClientId))
                : new ServiceBusClient(o.ConnectionString);
        });
        services.AddSingleton<ServiceBusSenders>();

        services.AddOptions<SiteOptions>().Bind(configuration.GetSection(SiteOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.SectionName))
            .Configure(o => o.AppServiceAuthenticationEnabled = string.Equals(configuration[AdminOptions.PlatformAuthenticationSetting], "True", StringComparison.OrdinalIgnoreCase))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminAuthenticator>();
        services.AddSingleton<ConsoleSessions>();

        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.TryAddSingleton<TableRateLimiter>();
        services.TryAddSingleton<IRateLimiter>(sp => sp.GetRequiredService<TableRateLimiter>());

        services.AddPillarClassifier(configuration);
        services.AddPublications(configuration);
        services.AddFeeds(configuration);
        services.TryAddSingleton<ConsoleService>();
        services.AddSubscriptions(configuration);
        services.AddDelivery(configuration);
        services.AddSingleton<IReadinessCheck, TablesReadinessCheck>();
        services.AddSingleton<IReadinessCheck, ServiceBusReadinessCheck>();
        services.AddSingleton<IReadinessCheck, SmtpReadinessCheck>();
        services.TryAddSingleton<ReadinessProbe>();
        services.AddSecretSettingChecks();

        return services;
    }
}
