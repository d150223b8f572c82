using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.RateLimiting;

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.ClientPermits < 1)
        {
            errors.Add($"Setting '{RateLimitOptions.SectionName}__ClientPermits' must be at least 1.");
        }

        if (options.ClientWindow <= TimeSpan.Zero)
        {
            errors.Add($"Setting '{RateLimitOptions.SectionName}__ClientWindow' must be positive.");
        }

        if (options.SignInPermits < 1)
        {
            errors.Add($"Setting '{RateLimitOptions.SectionName}__SignInPermits' must be at least 1.");
        }

        if (options.SignInWindow <= TimeSpan.Zero)
        {
            errors.Add($"Setting '{RateLimitOptions.SectionName}__SignInWindow' must be positive.");
        }

        if (options.ConfirmationMailsPerMinute < 1)
        {
            errors.Add($"Setting '{RateLimitOptions.SectionName}__ConfirmationMailsPerMinute' must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
