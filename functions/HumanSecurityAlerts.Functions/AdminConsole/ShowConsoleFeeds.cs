using HumanSecurityAlerts.Admin;
using HumanSecurityAlerts.AdminConsole;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.AdminConsole;

/// <summary>The configured feeds with their last fetch (when, status, new items), so a broken feed shows.</summary>
internal sealed class ShowConsoleFeeds(ConsoleService console, ConsoleSessions sessions)
{
    [Function(nameof(ShowConsoleFeeds))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/feeds")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ConsoleHttp.Page(request, ConsolePages.Feeds(ConsoleHttp.Chrome(request, sessions), await console.FeedsAsync(cancellationToken).ConfigureAwait(false)));
}
