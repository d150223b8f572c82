using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Publications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary><c>POST /api/manage/classify</c>: how a text would be classified (title, summary, text, language); nothing is stored.</summary>
internal sealed class PreviewClassification(PublicationReleaseService releases, IOptions<PublicationsOptions> options)
{
    [Function(nameof(PreviewClassification))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/classify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReleaseRequest>(request, options.Value.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var (errors, classification) = releases.Preview(body);
        return classification is null
            ? Problems.Validation(errors)
            : new OkObjectResult(PublicationViews.Classification(classification));
    }
}
