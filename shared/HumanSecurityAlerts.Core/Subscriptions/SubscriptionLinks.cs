using HumanSecurityAlerts.Site;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>Absolute links to the subscription pages, and the RFC 8058 one-click unsubscribe headers for emails.</summary>
public sealed class SubscriptionLinks(IOptions<SiteOptions> site)
{
    public Uri Confirm(string token) => site.Value.Api("subscriptions/confirm?token=" + Uri.EscapeDataString(token));

    /// <summary>Where the confirmation page posts (the token travels in the form, not the URL).</summary>
    public Uri ConfirmAction() => site.Value.Api("subscriptions/confirm");

    public Uri Manage(string manageToken) => site.Value.Api("subscriptions/manage/" + Uri.EscapeDataString(manageToken));

    public Uri RotateManageLink(string manageToken) => site.Value.Api("subscriptions/manage/" + Uri.EscapeDataString(manageToken) + "/rotate-link");

    public Uri VerifyWebhook(string manageToken) => site.Value.Api("subscriptions/manage/" + Uri.EscapeDataString(manageToken) + "/verify");

    public Uri RotateWebhookSecret(string manageToken) => site.Value.Api("subscriptions/manage/" + Uri.EscapeDataString(manageToken) + "/rotate-secret");

    public Uri Unsubscribe(string manageToken) => site.Value.Api("subscriptions/unsubscribe/" + Uri.EscapeDataString(manageToken));

    /// <summary><c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>.</summary>
    public IReadOnlyDictionary<string, string> UnsubscribeHeaders(string manageToken) => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["List-Unsubscribe"] = "<" + Unsubscribe(manageToken).AbsoluteUri + ">",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };
}
