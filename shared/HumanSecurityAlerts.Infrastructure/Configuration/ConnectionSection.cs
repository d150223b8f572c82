using Microsoft.Extensions.Configuration;

namespace HumanSecurityAlerts.Configuration;

/// <summary>
/// Binds a Functions-style connection setting: the section's own value is a connection string, its children
/// (<c>Name__fullyQualifiedNamespace</c>, <c>Name__tableServiceUri</c>, <c>Name__clientId</c>) describe an identity-based one.
/// </summary>
internal static class ConnectionSection
{
    public static void Bind<TOptions>(IConfiguration configuration, string sectionName, TOptions options, Action<TOptions, string?> setConnectionString)
        where TOptions : class
    {
        var section = configuration.GetSection(sectionName);
        section.Bind(options);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            setConnectionString(options, section.Value);
        }
    }
}
