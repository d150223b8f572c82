using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace HumanSecurityAlerts.Delivery;

/// <summary>Section <c>Delivery</c>: the deliveries drain, retries and webhook health. Every value has a default.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    public const string DefaultRetrySchedule = "00:00:05, 00:05:00, 00:30:00, 02:00:00, 05:00:00, 10:00:00, 10:00:00";

    /// <summary>
    /// Comma-separated delays before each retry after a transient failure (TimeSpan format). The number of delays is
    /// the number of retries; after the last one fails the message is dead-lettered. Tests use short delays.
    /// </summary>
    public string RetrySchedule { get; set; } = DefaultRetrySchedule;

    /// <summary>Messages handled at once by one drain.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>Messages asked for per receive call (bounded by free concurrency).</summary>
    [Range(1, 1000)]
    public int ReceiveBatchSize { get; set; } = 100;

    /// <summary>How long one receive call waits for messages before the drain ends.</summary>
    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A drain stops taking new messages after this long (the timer starts another).</summary>
    public TimeSpan MaxDrainDuration { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Overall time for one webhook call.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A <c>Retry-After</c> longer than this is cut to it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A webhook endpoint failing without a single success for this long is disabled.</summary>
    public TimeSpan DisableWebhookAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>
    /// Partitions the delivery ledger of one publication is spread over (by subscriber). One Table Storage partition
    /// takes about 2,000 entities/s, two writes per delivery: this many times 1,000 deliveries/s per publication. 1
    /// keeps the ledger in one partition per publication (fewer round trips on one machine). Change it only while no
    /// delivery is in flight: a delivery looks for its row in the partition this count gives.
    /// </summary>
    [Range(1, 64)]
    public int LedgerShards { get; set; } = 1;

    /// <summary>A "sending" ledger row younger than this belongs to a worker still at it; another copy waits.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Lock renewal period while a message is being handled (below the entity's lock duration).</summary>
    public TimeSpan LockRenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The parsed <see cref="RetrySchedule"/>.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays => TryParseSchedule(RetrySchedule, out var delays) ? delays : [];

    public static bool TryParseSchedule(string? value, out IReadOnlyList<TimeSpan> delays)
    {
        var list = new List<TimeSpan>();
        delays = list;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero || delay > TimeSpan.FromDays(7))
            {
                return false;
            }

            list.Add(delay);
        }

        return list.Count <= 50;
    }
}
