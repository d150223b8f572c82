using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary>
/// <c>POST /api/manage/publications</c>: an admin releases a publication. 201 when stored (and sent to the topic),
/// 200 with the stored one when it was already there, 400/401/413/415 as problem details. The route is not under
/// <c>admin/</c>: the Functions host reserves that prefix for its own API and refuses such routes.
/// </summary>
internal sealed class ReleasePublication(PublicationReleaseService releases, IOptions<PublicationsOptions> options, IOptions<SiteOptions> site)
{
    [Function(nameof(ReleasePublication))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/publications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReleaseRequest>(request, options.Value.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var outcome = await releases.ReleaseAsync(body, cancellationToken).ConfigureAwait(false);
        if (outcome.Publication is not { } publication)
        {
            return Problems.Validation(outcome.Errors);
        }

        var view = PublicationViews.Admin(publication, site.Value);
        return outcome.Created
            ? new CreatedResult(site.Value.Api("publications/" + publication.Id), view)
            : new OkObjectResult(view);
    }
}
