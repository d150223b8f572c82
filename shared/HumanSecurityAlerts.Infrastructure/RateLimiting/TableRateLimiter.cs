using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.RateLimiting;

/// <summary>
/// Table <c>RateLimits</c>: PK = rule name, RK = key; columns <c>WindowStart</c>, <c>Count</c>, <c>WindowEnd</c>.
/// Every change is conditional (insert, or update on the ETag read), so of concurrent callers exactly one wins each
/// write and the others read again: a rule never allows more than its permits, on any number of instances.
/// </summary>
internal sealed class TableRateLimiter(TableProvider tables, TimeProvider time, ServiceTelemetry? telemetry = null) : IRateLimiter
{
    public const string TableName = "RateLimits";

    // Past this many lost races the caller is refused briefly rather than kept waiting (fail closed).
    private const int MaxAttempts = 64;

    public async Task<RateLimitDecision> AcquireAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var decision = await DecideAsync(rule, key, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            telemetry?.RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("hsa.rate_limit.rule", rule.Name));
        }

        return decision;
    }

    private async Task<RateLimitDecision> DecideAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var response = await table.GetEntityIfExistsAsync<TableEntity>(rule.Name, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!response.HasValue || response.Value is not { } row)
                {
                    await table.AddEntityAsync(NewWindow(rule, key, now), cancellationToken).ConfigureAwait(false);
                    return RateLimitDecision.Allow;
                }

                var end = row.GetDateTimeOffset("WindowEnd") ?? now;
                if (now >= end)
                {
                    await table.UpdateEntityAsync(NewWindow(rule, key, now), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    return RateLimitDecision.Allow;
                }

                var count = row.GetInt32("Count") ?? 0;
                if (count >= rule.Permits)
                {
                    // A racer's clock may have been read just after ours: never announce more than one window.
                    return RateLimitDecision.Refuse(end - now > rule.Window ? rule.Window : end - now);
                }

                row["Count"] = count + 1;
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return RateLimitDecision.Allow;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another caller wrote first: read its result and decide again, after a short jitter so racers spread out.
                await Task.Delay(Random.Shared.Next(1, 4 + attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        return RateLimitDecision.Refuse(TimeSpan.FromSeconds(1));
    }

    public async Task ResetAsync(RateLimitRule rule, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(rule.Name, key, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"WindowEnd lt {before}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Conditional on the row read: a window renewed meanwhile stays.
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    private static TableEntity NewWindow(RateLimitRule rule, string key, DateTimeOffset now) => new(rule.Name, key)
    {
        ["WindowStart"] = now,
        ["WindowEnd"] = now + rule.Window,
        ["Count"] = 1,
    };
}
