using HumanSecurityAlerts.Pillars;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Pillars;

internal sealed class GetPillars
{
    [Function(nameof(GetPillars))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pillars")] HttpRequest request) =>
        new OkObjectResult(PillarCatalog.All.Select(p => new
        {
            id = p.Id,
            crossCutting = p.CrossCutting,
            name = new { en = p.NameEn, fr = p.NameFr },
            description = new { en = p.DescriptionEn, fr = p.DescriptionFr },
        }));
}
