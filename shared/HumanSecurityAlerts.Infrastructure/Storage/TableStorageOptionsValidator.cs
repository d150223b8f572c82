using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Storage;

internal sealed class TableStorageOptionsValidator : IValidateOptions<TableStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, TableStorageOptions options)
    {
        const string Section = TableStorageOptions.SectionName;
        var failures = new List<string>();

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"Setting '{Section}' is not a valid storage connection string ({e.GetType().Name}).");
            }
        }
        else if (options.TableServiceUri is null)
        {
            failures.Add($"Setting '{Section}' is missing: set it to a storage connection string, or set '{Section}__tableServiceUri' for an identity-based connection.");
        }
        else if (!options.TableServiceUri.IsAbsoluteUri || options.TableServiceUri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"Setting '{Section}__tableServiceUri' must be an absolute https URI.");
        }

        if (string.IsNullOrWhiteSpace(options.TablePrefix) || !options.TablePrefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(options.TablePrefix[0]))
        {
            failures.Add($"Setting '{Section}__tablePrefix' must start with a letter and hold only ASCII letters and digits.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
