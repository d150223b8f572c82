using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Http;

internal sealed class NoSuchRoute
{
    /// <summary>
    /// Every <c>/api</c> request no other function takes (a catch-all route has the lowest precedence): 405 with
    /// <c>Allow</c> when the path exists for other methods, else 404; problem details either way, never an empty body.
    /// </summary>
    [Function(nameof(NoSuchRoute))]
    public static IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = "{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var allowed = RouteTable.AllowedMethods(request.Path);
        if (allowed.Count == 0)
        {
            return Problems.NotFound("There is no such resource. The API is described in the README.");
        }

        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return Problems.Status(StatusCodes.Status405MethodNotAllowed, "Method not allowed.", $"This resource accepts {string.Join(", ", allowed)}.");
    }
}
