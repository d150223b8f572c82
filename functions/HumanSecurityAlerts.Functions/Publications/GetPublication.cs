using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary><c>GET /api/publications/{id}</c>: one publication, or 404 problem details.</summary>
internal sealed class GetPublication(IPublicationStore store, IOptions<SiteOptions> site)
{
    [Function(nameof(GetPublication))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "publications/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var publication = PublicationId.IsValid(id) ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return publication is null
            ? Problems.NotFound($"No publication has the id '{(id.Length > 64 ? id[..64] : id)}'.")
            : new OkObjectResult(PublicationViews.Public(publication, site.Value));
    }
}
