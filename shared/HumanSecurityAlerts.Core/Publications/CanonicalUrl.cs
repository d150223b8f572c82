using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// The form of a publication URL used for identity: absolute http(s) only, scheme and host lower-case, default port
/// dropped, fragment dropped, <c>utm_*</c> tracking parameters dropped, and no trailing slash except on the root path.
/// Two links to the same article that differ only in these ways give the same publication id.
/// </summary>
public static class CanonicalUrl
{
    public const int MaxLength = 2048;

    public static bool TryCreate(string? value, [NotNullWhen(true)] out Uri? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant());

        var path = uri.AbsolutePath;
        if (path.Length > 1)
        {
            path = path.TrimEnd('/');
        }

        builder.Append(path.Length == 0 ? "/" : path);

        var query = KeptQuery(uri.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        return Uri.TryCreate(builder.ToString(), UriKind.Absolute, out canonical);
    }

    private static string KeptQuery(string query)
    {
        if (query.Length <= 1)
        {
            return "";
        }

        var kept = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase));
        return string.Join('&', kept);
    }
}
