using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Admin;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        const string Section = AdminOptions.SectionName;
        var failures = new List<string>();
        if (options.ApiKey is { Length: > 0 and < 32 })
        {
            failures.Add($"Setting '{Section}__ApiKey' must be at least 32 characters.");
        }

        if (options.TrustAppServiceAuthentication)
        {
            // Without the platform in front, the principal header is whatever the client sends.
            if (!options.AppServiceAuthenticationEnabled)
            {
                failures.Add(
                    $"Setting '{Section}__TrustAppServiceAuthentication' is true but App Service Authentication is not enabled for this app " +
                    $"({AdminOptions.PlatformAuthenticationSetting} is not 'True'), so anyone could forge the X-MS-CLIENT-PRINCIPAL header. " +
                    "Deploy with App Service Authentication (infra parameter adminTrustAppServiceAuthentication) or set the setting to false.");
            }

            if (string.IsNullOrWhiteSpace(options.RequiredRole) || string.IsNullOrWhiteSpace(options.RoleClaimType))
            {
                failures.Add($"Settings '{Section}__RequiredRole' and '{Section}__RoleClaimType' must not be empty when '{Section}__TrustAppServiceAuthentication' is true.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
