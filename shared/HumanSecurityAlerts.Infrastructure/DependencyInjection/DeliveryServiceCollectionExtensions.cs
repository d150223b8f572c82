using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Digests;
using HumanSecurityAlerts.Drains;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Operations;
using HumanSecurityAlerts.Publications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanSecurityAlerts.DependencyInjection;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Fan-out, delivery (email and webhook, ledger, retries, dead letters), digests and their admin operations, with
    /// <see cref="FanOutOptions"/> ("FanOut"), <see cref="DeliveryOptions"/> ("Delivery") and <see cref="DigestOptions"/>
    /// ("Digests") validated at start-up. Replaces the do-nothing <see cref="IReleaseNotifier"/> with <see cref="DrainKick"/>.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<FanOutOptions>().Bind(configuration.GetSection(FanOutOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.ReceiveWait > TimeSpan.Zero && o.MaxDrainDuration > TimeSpan.Zero, $"Settings '{FanOutOptions.SectionName}__ReceiveWait' and '__MaxDrainDuration' must be positive.")
            .ValidateOnStart();
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => DeliveryOptions.TryParseSchedule(o.RetrySchedule, out _), $"Setting '{DeliveryOptions.SectionName}__RetrySchedule' must be a comma-separated list of at most 50 delays (TimeSpan, 0 to 7 days), e.g. '{DeliveryOptions.DefaultRetrySchedule}'.")
            .Validate(o => o.ReceiveWait > TimeSpan.Zero && o.MaxDrainDuration > TimeSpan.Zero && o.LockRenewInterval > TimeSpan.Zero, $"Settings '{DeliveryOptions.SectionName}__ReceiveWait', '__MaxDrainDuration' and '__LockRenewInterval' must be positive.")
            .Validate(o => o.WebhookTimeout >= TimeSpan.FromSeconds(1) && o.WebhookTimeout <= TimeSpan.FromMinutes(1), $"Setting '{DeliveryOptions.SectionName}__WebhookTimeout' must be between 1 second and 1 minute.")
            .Validate(o => o.DisableWebhookAfter > TimeSpan.Zero && o.ClaimLease > TimeSpan.Zero && o.MaxRetryAfter >= TimeSpan.Zero, $"Settings '{DeliveryOptions.SectionName}__DisableWebhookAfter', '__ClaimLease' and '__MaxRetryAfter' must be positive.")
            .ValidateOnStart();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<DeliveryContent>();
        services.TryAddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.TryAddSingleton<IWebhookHealthStore, TableWebhookHealthStore>();
        services.TryAddSingleton<IFanOutProgressStore, TableFanOutProgressStore>();
        services.TryAddSingleton<IDigestStore, TableDigestStore>();
        services.TryAddSingleton<ServiceBusDeliveryDispatcher>();
        services.TryAddSingleton<IDeliveryDispatcher>(sp => sp.GetRequiredService<ServiceBusDeliveryDispatcher>());

        services.TryAddSingleton<FanOutService>();
        services.TryAddSingleton<DeliveryService>();
        services.TryAddSingleton<DigestService>();
        services.TryAddSingleton<MessageDrain>();
        services.TryAddSingleton<FanOutMessageHandler>();
        services.TryAddSingleton<ReleaseSummary>();
        services.TryAddSingleton<DeliveryMessageHandler>();
        services.TryAddSingleton<DeliveryDrains>();
        services.TryAddSingleton<IDeliveryDrains>(sp => sp.GetRequiredService<DeliveryDrains>());
        services.TryAddSingleton<DrainKick>();
        services.TryAddSingleton<IDrainKick>(sp => sp.GetRequiredService<DrainKick>());
        services.Replace(ServiceDescriptor.Singleton<IReleaseNotifier>(sp => sp.GetRequiredService<DrainKick>()));
        services.TryAddSingleton<IDeadLetters, ServiceBusDeadLetters>();
        services.TryAddSingleton<DeliveryOperations>();
        return services;
    }
}
