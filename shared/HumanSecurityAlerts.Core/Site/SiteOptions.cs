using System.ComponentModel.DataAnnotations;

namespace HumanSecurityAlerts.Site;

/// <summary>Section <c>Site</c>: how the service is reached from outside, for links in emails, webhooks and feeds.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>Base URL the API is served under, without the <c>/api</c> route prefix, e.g. https://alerts.example.org.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://localhost:7071");

    public Uri Api(string relative) => new(BaseUrl, "api/" + relative.TrimStart('/'));
}
