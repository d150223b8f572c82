using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.DependencyInjection;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions and the outbound channels delivery reuses: <see cref="IEmailSender"/> (one reused SMTP
    /// connection), <see cref="IWebhookClient"/> over the guarded <see cref="WebhookHttp.ClientName"/> client, and
    /// <see cref="ISubscriberDirectory"/> (the pillar index).
    /// </summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SubscriptionOptions>().Bind(configuration.GetSection(SubscriptionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SubscriptionOptions>, SubscriptionOptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();

        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddWebhookHttpClient();
        services.TryAddSingleton<IWebhookClient, HttpWebhookClient>();
        services.TryAddSingleton<IWebhookUrlChecker, DnsWebhookUrlChecker>();

        services.TryAddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.TryAddSingleton<TableSubscriberStore>();
        services.TryAddSingleton<ISubscriberStore>(sp => sp.GetRequiredService<TableSubscriberStore>());
        services.TryAddSingleton<ISubscriberDirectory>(sp => sp.GetRequiredService<TableSubscriberStore>());
        services.TryAddSingleton<ISubscriberHousekeeping>(sp => sp.GetRequiredService<TableSubscriberStore>());
        services.TryAddSingleton<SubscriptionHousekeeping>();
        services.TryAddSingleton<SubscriptionLinks>();
        services.TryAddSingleton<SubscriptionEmails>();
        services.TryAddSingleton<SubscriptionPages>();
        services.TryAddSingleton<SubscribePage>();
        services.TryAddSingleton<SubscriptionService>();
        return services;
    }
}
