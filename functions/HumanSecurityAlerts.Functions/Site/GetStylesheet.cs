using System.Text;
using HumanSecurityAlerts.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Site;

/// <summary><c>GET /api/assets/site.css</c>: the stylesheet of the console and the public pages (see <see cref="SiteStylesheet"/>).</summary>
internal sealed class GetStylesheet
{
    private static readonly byte[] Css = Encoding.UTF8.GetBytes(SiteStylesheet.Css);

    [Function(nameof(GetStylesheet))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/site.css")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new FileContentResult(Css, "text/css; charset=utf-8");
    }
}
