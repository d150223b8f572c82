using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using HumanSecurityAlerts.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.AdminConsole;

/// <summary>The console's new-release form: <b>Preview</b> (scores, thresholds, evidence in context) and <b>Publish</b>.</summary>
internal sealed class ConsoleReleases(ConsoleService console, ConsoleSessions sessions)
{
    private static readonly ReleaseForm Empty = new("", "", "", "", "", "");

    [Function(nameof(ShowConsoleNewRelease))]
    public IActionResult ShowConsoleNewRelease(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/releases/new")] HttpRequest request) =>
        ConsoleHttp.Page(request, ConsolePages.NewRelease(ConsoleHttp.Chrome(request, sessions), new ReleasePage(Empty, null, null)));

    /// <summary>
    /// <c>action=preview</c> shows the form again with the classification; <c>action=publish</c> releases it (with the
    /// ticked pillars when a preview offered them) and goes to the publication's page, which says whether it already existed.
    /// </summary>
    [Function(nameof(SubmitConsoleRelease))]
    public async Task<IActionResult> SubmitConsoleRelease(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/releases")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var form = new ReleaseForm(
            ConsoleGate.Field(request, "title"),
            ConsoleGate.Field(request, "url"),
            ConsoleGate.Field(request, "language"),
            ConsoleGate.Field(request, "publishedAt"),
            ConsoleGate.Field(request, "summary"),
            ConsoleGate.Field(request, "text"));
        var chrome = ConsoleHttp.Chrome(request, sessions);
        if (ConsoleGate.Field(request, "action") != "publish")
        {
            var preview = await console.PreviewAsync(form, cancellationToken).ConfigureAwait(false);
            return ConsoleHttp.Page(request, ConsolePages.NewRelease(chrome, preview), preview.Errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        }

        var chosen = ConsoleGate.Field(request, "choose") == "1" ? ConsoleGate.Form(request).GetValueOrDefault("pillars").OfType<string>().ToList() : null;
        var outcome = await console.PublishAsync(form, chosen, cancellationToken).ConfigureAwait(false);
        return outcome.PublicationId is { } id
            ? ConsoleHttp.SeeOther(request, ConsolePages.PublicationPath(id) + "?notice=" + (outcome.Created ? "published" : "existing"))
            : ConsoleHttp.Page(request, ConsolePages.NewRelease(chrome, outcome.Page!), StatusCodes.Status400BadRequest);
    }
}
