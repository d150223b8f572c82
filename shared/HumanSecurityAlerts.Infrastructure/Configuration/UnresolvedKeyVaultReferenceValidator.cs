using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Configuration;

/// <summary>
/// Refuses a secret setting whose value is still a Key Vault reference. For a reference it cannot resolve (secret
/// missing, no access, vault unreachable) App Service hands the app the reference text itself, which would otherwise
/// pass as a secret: it is long enough for an admin key and can be rebuilt from the public host name.
/// </summary>
internal sealed class UnresolvedKeyVaultReferenceValidator<TOptions>(string settingName, Func<TOptions, string?> value) : IValidateOptions<TOptions>
    where TOptions : class
{
    private const string ReferencePrefix = "@Microsoft.KeyVault(";

    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        value(options)?.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase) == true
            ? ValidateOptionsResult.Fail(
                $"Setting '{settingName}' is an unresolved Key Vault reference: check that the secret exists in the vault and that the app's " +
                "identity holds Key Vault Secrets User on it (Function App > Environment variables shows the reference status).")
            : ValidateOptionsResult.Success;
}
