using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.Subscriptions;

/// <summary>
/// Table Storage layout (see docs/storage.md):
/// <list type="bullet">
/// <item><c>Subscribers</c>: PK = subscriber id, RK = "" — the full record; <c>IndexKeys</c> lists the index partitions it may be in.</item>
/// <item><c>SubscriberIndex</c>: PK = <c>{pillar}|{frequency}</c>, RK = subscriber id — one small row per active subscriber, pillar and
/// frequency, so fan-out reads one partition, paged, and nobody else.</item>
/// <item><c>SubscriberTokens</c>: PK = hex SHA-256 of a token, RK = "" — purpose, subscriber id, expiry.</item>
/// </list>
/// </summary>
internal sealed class TableSubscriberStore(TableProvider tables, ISecretProtector protector, TimeProvider time) : ISubscriberStore, ISubscriberDirectory, ISubscriberHousekeeping
{
    public const string SubscribersTable = "Subscribers";
    public const string IndexTable = "SubscriberIndex";
    public const string TokensTable = "SubscriberTokens";

    private static readonly string[] IndexColumns = ["RowKey", "Channel", "Language", "Frequency", "Address", "ManageToken"];

    private static readonly string[] PageColumns = ["RowKey", "Channel"];

    public static string IndexPartition(string pillarId, SubscriptionFrequency frequency) => pillarId + "|" + frequency.Name();

    public async Task<Subscriber?> GetAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToSubscriber(entity);
    }

    public async Task SaveAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var table = await tables.GetTableAsync(SubscribersTable, cancellationToken).ConfigureAwait(false);
        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        var previous = await GetEntityAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
        var old = SplitList(previous?.GetString("IndexKeys"));
        var desired = subscriber.Status == SubscriberStatus.Active
            ? subscriber.Pillars.Select(p => IndexPartition(p, subscriber.Frequency)).ToList()
            : [];
        var union = old.Union(desired, StringComparer.Ordinal).ToList();

        // Record every partition the subscriber may be in before touching the index, so a crash never loses track of a row.
        var entity = ToEntity(subscriber, union);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var writes = desired.Select(pk => index.UpsertEntityAsync(IndexRow(subscriber, pk), TableUpdateMode.Replace, cancellationToken));
        var deletes = old.Except(desired, StringComparer.Ordinal).Select(pk => index.DeleteEntityAsync(pk, subscriber.Id, ETag.All, cancellationToken));
        await Task.WhenAll(writes.Concat(deletes)).ConfigureAwait(false);

        if (union.Count != desired.Count)
        {
            await table.UpsertEntityAsync(ToEntity(subscriber, desired), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task AddTokenAsync(SubscriberToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var table = await tables.GetTableAsync(TokensTable, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(token.Hash, "")
            {
                ["Purpose"] = token.Purpose.ToString(),
                ["SubscriberId"] = token.SubscriberId,
                ["ExpiresAt"] = token.ExpiresAt,
                ["UsedAt"] = token.UsedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<SubscriberToken?> FindTokenAsync(string hash, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TokensTable, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(hash, "", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } e || !Enum.TryParse<SubscriberTokenPurpose>(e.GetString("Purpose"), out var purpose))
        {
            return null;
        }

        return new SubscriberToken(hash, purpose, e.GetString("SubscriberId"), e.GetDateTimeOffset("ExpiresAt"), e.GetDateTimeOffset("UsedAt"));
    }

    public async Task DeleteTokenAsync(string hash, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TokensTable, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(hash, "", ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SubscriberPage> ListActiveAsync(PillarId pillar, SubscriptionFrequency frequency, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, 1000);
        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        await foreach (var page in index.QueryAsync<TableEntity>(IndexFilter(pillar, frequency), pageSize, PageColumns, cancellationToken).AsPages(continuationToken, pageSize).ConfigureAwait(false))
        {
            return new SubscriberPage(page.Values.Select(e => new IndexedSubscriber(e.RowKey, Channel(e))).ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return new SubscriberPage([], null);
    }

    public async IAsyncEnumerable<ActiveSubscriber> ListAllActiveAsync(PillarId pillar, SubscriptionFrequency frequency, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        await foreach (var entity in index.QueryAsync<TableEntity>(IndexFilter(pillar, frequency), 1000, IndexColumns, cancellationToken).ConfigureAwait(false))
        {
            yield return ToActive(entity);
        }
    }

    private static string IndexFilter(PillarId pillar, SubscriptionFrequency frequency) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition(pillar.ToString(), frequency)}");

    public async Task<DeliveryTarget?> GetActiveAsync(string subscriberId, CancellationToken cancellationToken)
    {
        // Read through the table's batcher: a delivery drain's concurrent reads share queries.
        var reader = await tables.GetRowReadBatcherAsync(SubscribersTable).ConfigureAwait(false);
        var entity = await reader.GetAsync(subscriberId, cancellationToken).ConfigureAwait(false);
        if (entity is null || ToSubscriber(entity) is not { Status: SubscriberStatus.Active } subscriber)
        {
            return null;
        }

        var secrets = subscriber.Channel == SubscriptionChannel.Webhook
            ? subscriber.SigningSecrets(protector, time.GetUtcNow())
            : [];
        return new DeliveryTarget(subscriber.Id, subscriber.Channel, subscriber.Language, subscriber.Frequency, subscriber.Pillars, subscriber.Address, protector.Unprotect(subscriber.ProtectedManageToken), secrets);
    }

    public async IAsyncEnumerable<Subscriber> ListInactiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(SubscribersTable, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"Status ne {SubscriberStatus.Active.Name()}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToSubscriber(entity);
        }
    }

    public async Task DeleteAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var table = await tables.GetTableAsync(SubscribersTable, cancellationToken).ConfigureAwait(false);
        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        var tokens = await tables.GetTableAsync(TokensTable, cancellationToken).ConfigureAwait(false);
        var entity = await GetEntityAsync(subscriber.Id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return;
        }

        // Index rows and the token first: the subscriber row is what lists them, so it goes last.
        await Task.WhenAll(SplitList(entity.GetString("IndexKeys")).Select(pk => index.DeleteEntityAsync(pk, subscriber.Id, ETag.All, cancellationToken))).ConfigureAwait(false);
        if (entity.GetString("ManageToken") is { } manage)
        {
            await tokens.DeleteEntityAsync(Tokens.Hash(protector.Unprotect(manage)), "", ETag.All, cancellationToken).ConfigureAwait(false);
        }

        await table.DeleteEntityAsync(subscriber.Id, "", ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteExpiredTokensAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TokensTable, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }

    private static TableEntity IndexRow(Subscriber s, string partition) => new(partition, s.Id)
    {
        ["Channel"] = s.Channel.Name(),
        ["Language"] = s.Language.Code,
        ["Frequency"] = s.Frequency.Name(),
        ["Address"] = s.Address,
        ["ManageToken"] = s.ProtectedManageToken,
    };

    private ActiveSubscriber ToActive(TableEntity e)
    {
        return new ActiveSubscriber(e.RowKey, Channel(e), LanguageOf(e), Frequency(e), e.GetString("Address") ?? "", protector.Unprotect(e.GetString("ManageToken")));
    }

    private static TableEntity ToEntity(Subscriber s, IEnumerable<string> indexKeys) => new(s.Id, "")
    {
        ["Channel"] = s.Channel.Name(),
        ["Status"] = s.Status.Name(),
        ["Email"] = s.Email,
        ["Url"] = s.Url,
        ["Pillars"] = string.Join(',', s.Pillars),
        ["Language"] = s.Language.Code,
        ["Frequency"] = s.Frequency.Name(),
        ["ManageToken"] = s.ProtectedManageToken,
        ["Secret"] = s.ProtectedSecret,
        ["PreviousSecret"] = s.ProtectedPreviousSecret,
        ["PreviousSecretExpiresAt"] = s.PreviousSecretExpiresAt,
        ["CreatedAt"] = s.CreatedAt,
        ["ActivatedAt"] = s.ActivatedAt,
        ["UnsubscribedAt"] = s.UnsubscribedAt,
        ["LastConfirmationSentAt"] = s.LastConfirmationSentAt,
        ["DisabledAt"] = s.DisabledAt,
        ["DisabledReason"] = s.DisabledReason,
        ["IndexKeys"] = string.Join(',', indexKeys),
    };

    private static Subscriber ToSubscriber(TableEntity e)
    {
        return new Subscriber
        {
            Id = e.PartitionKey,
            Channel = Channel(e),
            Status = SubscriptionNames.TryParseStatus(e.GetString("Status"), out var status) ? status : throw Corrupt(e, "Status"),
            Email = e.GetString("Email"),
            Url = e.GetString("Url"),
            Pillars = SplitList(e.GetString("Pillars")),
            Language = LanguageOf(e),
            Frequency = Frequency(e),
            ProtectedManageToken = e.GetString("ManageToken"),
            ProtectedSecret = e.GetString("Secret"),
            ProtectedPreviousSecret = e.GetString("PreviousSecret"),
            PreviousSecretExpiresAt = e.GetDateTimeOffset("PreviousSecretExpiresAt"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            ActivatedAt = e.GetDateTimeOffset("ActivatedAt"),
            UnsubscribedAt = e.GetDateTimeOffset("UnsubscribedAt"),
            LastConfirmationSentAt = e.GetDateTimeOffset("LastConfirmationSentAt"),
            DisabledAt = e.GetDateTimeOffset("DisabledAt"),
            DisabledReason = e.GetString("DisabledReason"),
        };
    }

    private static SubscriptionChannel Channel(TableEntity e) =>
        SubscriptionNames.TryParseChannel(e.GetString("Channel"), out var channel) ? channel : throw Corrupt(e, "Channel");

    private static SubscriptionFrequency Frequency(TableEntity e) =>
        SubscriptionNames.TryParseFrequency(e.GetString("Frequency"), out var frequency) ? frequency : throw Corrupt(e, "Frequency");

    // A missing or unknown code reads as English, as such a row has always been written to.
    private static Language LanguageOf(TableEntity e) =>
        Language.TryParse(e.GetString("Language"), out var language) ? language : Language.En;

    private static InvalidDataException Corrupt(TableEntity e, string column) =>
        new($"Stored subscriber row {e.PartitionKey}/{e.RowKey} has an invalid {column}.");

    private static List<string> SplitList(string? value) =>
        string.IsNullOrEmpty(value) ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private async Task<TableEntity?> GetEntityAsync(string subscriberId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(SubscribersTable, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(subscriberId, "", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
