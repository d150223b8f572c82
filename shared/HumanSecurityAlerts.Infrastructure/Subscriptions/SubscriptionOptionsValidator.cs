using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Subscriptions;

internal sealed class SubscriptionOptionsValidator : IValidateOptions<SubscriptionOptions>
{
    public ValidateOptionsResult Validate(string? name, SubscriptionOptions options)
    {
        const string Section = SubscriptionOptions.SectionName;
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey) && AesGcmSecretProtector.ParseKey(options.EncryptionKey) is null)
        {
            failures.Add($"Setting '{Section}__EncryptionKey' must be base64 of exactly 32 bytes (e.g. 'openssl rand -base64 32').");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(options.ConfirmationTokenLifetime), options.ConfirmationTokenLifetime),
            (nameof(options.VerificationTimeout), options.VerificationTimeout),
            (nameof(options.SecretRotationOverlap), options.SecretRotationOverlap),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"Setting '{Section}__{setting}' must be positive.");
            }
        }

        if (options.ConfirmationThrottle < TimeSpan.Zero)
        {
            failures.Add($"Setting '{Section}__{nameof(options.ConfirmationThrottle)}' must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
