using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace HumanSecurityAlerts.Functions.Http;

/// <summary>
/// A public, cacheable answer with validators (<c>ETag</c> from the bytes, <c>Last-Modified</c>) that honours conditional
/// GET: feed readers poll often, and a 304 spares them the body and us the bandwidth.
/// </summary>
internal static class CacheableContent
{
    public static IActionResult Result(HttpRequest request, byte[] body, string contentType, DateTimeOffset lastModified, TimeSpan maxAge)
    {
        // The tag is a hash of the exact bytes, so equal tags mean an equal body (a strong validator).
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"");
        var modified = lastModified.ToUniversalTime();
        modified = new DateTimeOffset(modified.Ticks - (modified.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero); // HTTP dates have whole seconds

        var response = request.HttpContext.Response.GetTypedHeaders();
        response.ETag = etag;
        response.LastModified = modified;
        response.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };

        return NotModified(request.GetTypedHeaders(), etag, modified)
            ? new StatusCodeResult(StatusCodes.Status304NotModified)
            : new FileContentResult(body, contentType);
    }

    /// <summary>RFC 9110 13.2.2: If-None-Match (weak comparison) decides when present; If-Modified-Since only without it.</summary>
    private static bool NotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset modified)
    {
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
        }

        return request.IfModifiedSince is { } since && modified <= since;
    }
}
