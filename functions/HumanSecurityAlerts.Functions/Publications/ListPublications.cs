using System.Globalization;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary>
/// <c>GET /api/publications?pillar=&amp;lang=&amp;top=&amp;continuationToken=</c>: newest first, <c>top</c> per page
/// (default 20, at most 100), the next page through the opaque <c>continuationToken</c> of the previous one.
/// </summary>
internal sealed class ListPublications(IPublicationStore store, IOptions<PublicationsOptions> options, IOptions<SiteOptions> site)
{
    [Function(nameof(ListPublications))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "publications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var pillar = NullIfEmpty(request.Query["pillar"]);
        if (pillar is not null && !PillarId.TryParse(pillar, out _))
        {
            errors.Add("pillar", $"Unknown pillar. Known: {string.Join(", ", PillarCatalog.All.Select(p => p.Id))}.");
        }

        var language = NullIfEmpty(request.Query["lang"]);
        if (language is not null && !Language.TryParse(language, out _))
        {
            errors.Add("lang", "The language must be 'en' or 'fr'.");
        }

        var top = options.Value.DefaultPageSize;
        if (NullIfEmpty(request.Query["top"]) is { } topText
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > PublicationsOptions.MaxPageSize))
        {
            errors.Add("top", $"top must be a whole number from 1 to {PublicationsOptions.MaxPageSize}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        PublicationPage page;
        try
        {
            page = await store.ListAsync(pillar, language, top, NullIfEmpty(request.Query["continuationToken"]), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidContinuationTokenException e)
        {
            return Problems.Validation("continuationToken", e.Message);
        }

        return new OkObjectResult(new
        {
            items = page.Items.Select(p => PublicationViews.Summary(p, site.Value)),
            continuationToken = page.ContinuationToken,
        });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
