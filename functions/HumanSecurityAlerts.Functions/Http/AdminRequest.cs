using HumanSecurityAlerts.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HumanSecurityAlerts.Functions.Http;

internal static class AdminRequest
{
    /// <summary>Null when the caller is an admin; otherwise the 401 to return.</summary>
    public static IActionResult? Authorize(HttpRequest request, AdminAuthenticator authenticator)
    {
        if (authenticator.IsAdmin(request.Headers.Authorization, request.Headers["X-MS-CLIENT-PRINCIPAL"]))
        {
            return null;
        }

        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Status(StatusCodes.Status401Unauthorized, "Admin credentials required.", "Send the admin key as 'Authorization: Bearer KEY'.");
    }
}
