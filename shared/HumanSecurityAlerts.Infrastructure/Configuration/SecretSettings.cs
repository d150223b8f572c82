using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.Messaging;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Configuration;

/// <summary>
/// The settings that hold secrets (the Key Vault references of infra/main.bicep, and the connection strings used
/// outside Azure), each refusing an unresolved Key Vault reference at start-up, on every host.
/// </summary>
internal static class SecretSettings
{
    private static readonly (string Name, Action<IServiceCollection> Register)[] All =
    [
        Secret<AdminOptions>($"{AdminOptions.SectionName}__{nameof(AdminOptions.ApiKey)}", o => o.ApiKey),
        Secret<SmtpOptions>($"{SmtpOptions.SectionName}__{nameof(SmtpOptions.Password)}", o => o.Password),
        Secret<SubscriptionOptions>($"{SubscriptionOptions.SectionName}__{nameof(SubscriptionOptions.EncryptionKey)}", o => o.EncryptionKey),
        Secret<TableStorageOptions>(TableStorageOptions.SectionName, o => o.ConnectionString),
        Secret<ServiceBusOptions>(ServiceBusOptions.SectionName, o => o.ConnectionString),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    public static IServiceCollection AddSecretSettingChecks(this IServiceCollection services)
    {
        foreach (var (_, register) in All)
        {
            register(services);
        }

        return services;
    }

    private static (string, Action<IServiceCollection>) Secret<TOptions>(string name, Func<TOptions, string?> value)
        where TOptions : class =>
        (name, services => services.AddSingleton<IValidateOptions<TOptions>>(new UnresolvedKeyVaultReferenceValidator<TOptions>(name, value)));
}
