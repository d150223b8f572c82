using System.Globalization;
using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.AdminConsole;

/// <summary>The console's publications: the list with delivery counts, one publication's page, Resend and Replay.</summary>
internal sealed class ConsolePublications(ConsoleService console, ConsoleSessions sessions)
{
    [Function(nameof(ListConsolePublications))]
    public async Task<IActionResult> ListConsolePublications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/publications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var pillar = PillarId.TryParse(request.Query["pillar"], out var p) ? p.ToString() : null;
        var language = Language.TryParse(request.Query["language"], out var l) ? l.Code : null;
        var token = request.Query["continuationToken"].ToString() is { Length: > 0 } t ? t : null;
        try
        {
            var (rows, next) = await console.ListAsync(pillar, language, token, cancellationToken).ConfigureAwait(false);
            return ConsoleHttp.Page(request, ConsolePages.Publications(ConsoleHttp.Chrome(request, sessions), rows, pillar, language, next));
        }
        catch (InvalidContinuationTokenException)
        {
            return ConsoleHttp.SeeOther(request, ConsolePages.PublicationsPath);
        }
    }

    [Function(nameof(ShowConsolePublication))]
    public async Task<IActionResult> ShowConsolePublication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/publications/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var chrome = ConsoleHttp.Chrome(request, sessions);
        var detail = PublicationId.IsValid(id) ? await console.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return detail is null
            ? ConsoleHttp.Page(request, ConsolePages.NotFound(chrome), StatusCodes.Status404NotFound)
            : ConsoleHttp.Page(request, ConsolePages.Publication(chrome, detail, Notice(request, chrome.Language)));
    }

    [Function(nameof(ConsoleResend))]
    public async Task<IActionResult> ConsoleResend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/publications/{id}/resend")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var result = PublicationId.IsValid(id) ? await console.ResendAsync(id, cancellationToken).ConfigureAwait(false) : null;
        return result is null
            ? ConsoleHttp.Page(request, ConsolePages.NotFound(ConsoleHttp.Chrome(request, sessions)), StatusCodes.Status404NotFound)
            : ConsoleHttp.SeeOther(request, ConsolePages.PublicationPath(id) + "?notice=resend&state=" + Uri.EscapeDataString(result.State));
    }

    /// <summary>Replays one dead-lettered delivery and goes back to its publication's page.</summary>
    [Function(nameof(ConsoleReplay))]
    public async Task<IActionResult> ConsoleReplay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/dead-letters/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var deliveryId = ConsoleGate.Field(request, "deliveryId");
        var publicationId = ConsoleGate.Field(request, "publicationId");
        if (!DeliveryId.IsWellFormed(deliveryId) || !PublicationId.IsValid(publicationId))
        {
            return ConsoleHttp.Refused(request, StatusCodes.Status400BadRequest);
        }

        var replayed = await console.ReplayAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        return ConsoleHttp.SeeOther(request, ConsolePages.PublicationPath(publicationId) + "?notice=replayed&count=" + replayed.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Notice(HttpRequest request, Language language)
    {
        var t = ConsoleTexts.For(language);
        return request.Query["notice"].ToString() switch
        {
            "published" => t.Published,
            "existing" => t.Existing,
            "resend" => string.Format(t.Culture, t.ResendDone, request.Query["state"].ToString() is "started" or "in-progress" or "pending" ? request.Query["state"].ToString() : "?"),
            "replayed" => string.Format(t.Culture, t.Replayed, int.TryParse(request.Query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0),
            _ => null,
        };
    }
}
