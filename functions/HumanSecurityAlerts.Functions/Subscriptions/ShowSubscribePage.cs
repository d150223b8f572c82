using HumanSecurityAlerts.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Subscriptions;

internal sealed class ShowSubscribePage
{
    /// <summary><c>GET /api/subscribe</c>: the bilingual subscribe form (<c>?lang=fr</c>, else Accept-Language).</summary>
    [Function(nameof(ShowSubscribePage))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscribe")] HttpRequest request) =>
        SubscriptionHttp.Page(request, SubscribePage.Form(SubscriptionHttp.Language(request)));
}
