using System.Globalization;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Operations;
using HumanSecurityAlerts.Publications;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace HumanSecurityAlerts.Functions.Operations;

/// <summary>
/// Admin delivery operations (authenticated like every <c>manage/</c> route):
/// <c>GET manage/deliveries?publicationId=</c>, <c>GET manage/dead-letters?max=&amp;from=</c>,
/// <c>POST manage/dead-letters/replay</c>, <c>POST manage/publications/{id}/resend</c>.
/// </summary>
internal sealed class DeliveryAdmin(DeliveryOperations operations)
{
    private const int MaxReplayIds = 1000;

    [Function("GetDeliveries")]
    public async Task<IActionResult> GetDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/deliveries")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var id = request.Query["publicationId"].ToString();
        if (!PublicationId.IsValid(id))
        {
            return Problems.Validation("publicationId", "A publication id (lower-case letters, digits and dashes) is required.");
        }

        if (!TryInt(request.Query["maxFailures"], 100, 1, 1000, out var maxFailures))
        {
            return Problems.Validation("maxFailures", "Must be a whole number from 1 to 1000.");
        }

        return new OkObjectResult(await operations.GetDeliveriesAsync(id, maxFailures, cancellationToken).ConfigureAwait(false));
    }

    [Function("ListDeadLetters")]
    public async Task<IActionResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "manage/dead-letters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!TryInt(request.Query["max"], 100, 1, 1000, out var max))
        {
            return Problems.Validation("max", "Must be a whole number from 1 to 1000.");
        }

        long? from = null;
        if (request.Query["from"].ToString() is { Length: > 0 } text)
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return Problems.Validation("from", "Must be a sequence number.");
            }

            from = value;
        }

        var items = await operations.PeekDeadLettersAsync(max, from, cancellationToken).ConfigureAwait(false);
        return new OkObjectResult(new { items, next = items.Count == max ? items[^1].SequenceNumber + 1 : (long?)null });
    }

    [Function("ReplayDeadLetters")]
    public async Task<IActionResult> ReplayDeadLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/dead-letters/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReplayRequest>(request, 64 * 1024, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var sequences = body.SequenceNumbers ?? [];
        var ids = body.DeliveryIds ?? [];
        if (!body.All && sequences.Count == 0 && ids.Count == 0)
        {
            return Problems.Validation("all", "Send \"all\": true, or \"sequenceNumbers\" and/or \"deliveryIds\" to replay.");
        }

        if (sequences.Count + ids.Count > MaxReplayIds)
        {
            return Problems.Validation("deliveryIds", $"At most {MaxReplayIds} sequence numbers and delivery ids at once.");
        }

        if (ids.Any(i => !HumanSecurityAlerts.Delivery.DeliveryId.IsWellFormed(i)))
        {
            return Problems.Validation("deliveryIds", "A delivery id is 'd' followed by 32 lower-case hex characters.");
        }

        var result = await operations.ReplayAsync(body.All, sequences, ids, cancellationToken).ConfigureAwait(false);
        return new OkObjectResult(new { replayed = result.Replayed, notFound = result.NotFound });
    }

    [Function("ResendPublication")]
    public async Task<IActionResult> ResendPublication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/publications/{id}/resend")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!PublicationId.IsValid(id))
        {
            return Problems.Validation("id", "Not a publication id.");
        }

        var result = await operations.ResendAsync(id, cancellationToken).ConfigureAwait(false);
        return result is null
            ? Problems.NotFound($"No publication '{id}'.")
            : new ObjectResult(result) { StatusCode = StatusCodes.Status202Accepted };
    }

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
