using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Admin;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.ApiKey is { Length: > 0 and < 32 }
            ? ValidateOptionsResult.Fail($"Setting '{AdminOptions.SectionName}__ApiKey' must be at least 32 characters.")
            : ValidateOptionsResult.Success;
}
