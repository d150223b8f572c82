using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Email;

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        const string Section = SmtpOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host) || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"Setting '{Section}__Host' must be a host name or IP address.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Setting '{Section}__Port' must be between 1 and 65535.");
        }

        if (!EmailAddress.IsValid(options.FromAddress) && !(options.FromAddress?.EndsWith("@localhost", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            failures.Add($"Setting '{Section}__FromAddress' must be an email address.");
        }

        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"Setting '{Section}__Password' is required when '{Section}__UserName' is set.");
        }

        if (!string.IsNullOrEmpty(options.UserName) && options.Security == SmtpSecurity.None && !options.AllowUnencryptedAuthentication)
        {
            failures.Add($"Setting '{Section}__Security' is None, so '{Section}__UserName' and the password would travel in clear: use StartTls or SslOnConnect (or set '{Section}__AllowUnencryptedAuthentication' to true, never in production).");
        }

        if (options.Connections is < 1 or > 16)
        {
            failures.Add($"Setting '{Section}__Connections' must be between 1 and 16.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"Setting '{Section}__Timeout' must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
