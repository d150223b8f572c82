using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using HumanSecurityAlerts.Storage;

namespace HumanSecurityAlerts.Publications;

/// <summary>
/// Publications in Table Storage (key design in docs/storage.md, "Publications"):
/// <list type="bullet">
/// <item><c>Publications</c>: PartitionKey = publication id, RowKey = "publication". One point read per id.</item>
/// <item><c>PublicationsByPillar</c>: PartitionKey = pillar id, or "all"; RowKey = inverted publication ticks
/// (19 digits, <c>DateTimeOffset.MaxValue.UtcTicks - publishedAt.UtcTicks</c>) + "_" + id, so one partition range
/// query returns a pillar's publications newest first. Rows carry what listings and feeds show.</item>
/// <item><c>Outbox</c>: PartitionKey = "publications", RowKey = publication id: publications not yet sent to the
/// topic. Written before the publication, removed once it is sent; the drain reads just this partition.</item>
/// </list>
/// </summary>
internal sealed class TablePublicationStore(TableProvider tables, TimeProvider time) : IPublicationStore
{
    internal const string PublicationsTable = "Publications";
    internal const string IndexTable = "PublicationsByPillar";
    internal const string OutboxTable = "Outbox";
    internal const string AllPartition = "all";
    internal const string OutboxPartition = "publications";
    internal const string PublicationRowKey = "publication";

    /// <summary>Table string properties hold 64 KiB (32 Ki UTF-16 characters); text is split into chunks below that.</summary>
    private const int ChunkChars = 30_000;
    private const int IndexSummaryChars = 1000;
    private const string TokenVersion = "1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PublicationAddResult> AddAsync(Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var outbox = await tables.GetTableAsync(OutboxTable, cancellationToken).ConfigureAwait(false);
        var publications = await tables.GetTableAsync(PublicationsTable, cancellationToken).ConfigureAwait(false);

        await outbox.UpsertEntityAsync(
            new TableEntity(OutboxPartition, publication.Id) { ["EnqueuedAt"] = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);

        try
        {
            await publications.AddEntityAsync(ToEntity(publication), cancellationToken).ConfigureAwait(false);
            return new PublicationAddResult(publication, Created: true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(publication.Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Publication {publication.Id} conflicted but cannot be read.", e);
            if (existing.PublishedToTopic)
            {
                await RemoveFromOutboxAsync(publication.Id, cancellationToken).ConfigureAwait(false);
            }

            return new PublicationAddResult(existing, Created: false);
        }
    }

    public async Task<Publication?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!PublicationId.IsValid(id))
        {
            return null;
        }

        var publications = await tables.GetTableAsync(PublicationsTable, cancellationToken).ConfigureAwait(false);
        var response = await publications.GetEntityIfExistsAsync<TableEntity>(id, PublicationRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken)
    {
        if (!PublicationId.IsValid(id))
        {
            return false;
        }

        var publications = await tables.GetTableAsync(PublicationsTable, cancellationToken).ConfigureAwait(false);
        var response = await publications.GetEntityIfExistsAsync<TableEntity>(id, PublicationRowKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task IndexAsync(Publication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        var rowKey = IndexRowKey(publication.PublishedAt, publication.Id);
        await Task.WhenAll(publication.Pillars.Prepend(AllPartition).Select(partition =>
            index.UpsertEntityAsync(ToIndexEntity(partition, rowKey, publication), TableUpdateMode.Replace, cancellationToken))).ConfigureAwait(false);
    }

    public async Task<PublicationPage> ListAsync(string? pillar, string? language, int top, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var partition = pillar ?? AllPartition;
        var after = continuationToken is null ? null : DecodeToken(continuationToken, partition);

        var filter = (after, language) switch
        {
            (null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            (null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Language eq {language}"),
            (_, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}"),
            _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and Language eq {language}"),
        };

        var index = await tables.GetTableAsync(IndexTable, cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>(top + 1);
        await foreach (var row in index.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(top + 1, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
            if (rows.Count > top)
            {
                break;
            }
        }

        string? next = null;
        if (rows.Count > top)
        {
            rows.RemoveAt(top);
            next = EncodeToken(partition, rows[^1].RowKey);
        }

        return new PublicationPage([.. rows.Select(FromIndexEntity)], next);
    }

    public async Task MarkPublishedAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var publications = await tables.GetTableAsync(PublicationsTable, cancellationToken).ConfigureAwait(false);
        await publications.UpdateEntityAsync(
            new TableEntity(id, PublicationRowKey) { ["PublishedToTopic"] = true, ["PublishedToTopicAt"] = at },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
        await RemoveFromOutboxAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxEntry>> GetOutboxAsync(int max, CancellationToken cancellationToken)
    {
        var outbox = await tables.GetTableAsync(OutboxTable, cancellationToken).ConfigureAwait(false);
        var entries = new List<OutboxEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OutboxPartition}");
        await foreach (var row in outbox.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new OutboxEntry(row.RowKey, row.GetDateTimeOffset("EnqueuedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    public async Task RemoveFromOutboxAsync(string id, CancellationToken cancellationToken)
    {
        var outbox = await tables.GetTableAsync(OutboxTable, cancellationToken).ConfigureAwait(false);
        try
        {
            await outbox.DeleteEntityAsync(OutboxPartition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: another run completed it.
        }
    }

    internal static string IndexRowKey(DateTimeOffset publishedAt, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - publishedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + id;

    internal static string EncodeToken(string partition, string rowKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenVersion + "|" + partition + "|" + rowKey));

    internal static string DecodeToken(string token, string partition)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid.");
        }

        var parts = decoded.Split('|');
        if (parts.Length != 3 || parts[0] != TokenVersion)
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid.");
        }

        if (parts[1] != partition)
        {
            throw new InvalidContinuationTokenException("The continuation token belongs to another listing.");
        }

        var rowKey = parts[2];
        var separator = rowKey.IndexOf('_', StringComparison.Ordinal);
        if (separator != 19 || !rowKey[..19].All(char.IsAsciiDigit) || !PublicationId.IsValid(rowKey[20..]))
        {
            throw new InvalidContinuationTokenException("The continuation token is not valid.");
        }

        return rowKey;
    }

    private static TableEntity ToEntity(Publication p)
    {
        var entity = new TableEntity(p.Id, PublicationRowKey)
        {
            ["Url"] = p.Url.AbsoluteUri,
            ["Title"] = p.Title,
            ["Summary"] = p.Summary,
            ["TextTruncated"] = p.TextTruncated,
            ["Language"] = p.Language,
            ["Source"] = p.Source,
            ["PublishedAt"] = p.PublishedAt,
            ["IngestedAt"] = p.IngestedAt,
            ["Pillars"] = string.Join(',', p.Pillars),
            ["PillarsSetByAdmin"] = p.PillarsSetByAdmin,
            ["ClassifiedLanguage"] = p.Classification.Language,
            ["ClassifiedPillars"] = string.Join(',', p.Classification.Pillars),
            ["Scores"] = JsonSerializer.Serialize(p.Classification.Scores, Json),
            ["Evidence"] = EvidenceJson(p.Classification.Evidence),
            ["ClassifierThreshold"] = p.Classification.Threshold,
            ["PublishedToTopic"] = p.PublishedToTopic,
            ["TraceParent"] = p.TraceParent,
        };

        if (p.Classification.LearnedPillars.Count > 0)
        {
            entity["LearnedPillars"] = string.Join(',', p.Classification.LearnedPillars);
        }

        var chunks = p.Text.Chunk(ChunkChars).Select(c => new string(c)).ToList();
        entity["TextChunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[i == 0 ? "Text" : "Text" + i.ToString(CultureInfo.InvariantCulture)] = chunks[i];
        }

        return entity;
    }

    /// <summary>Evidence as JSON within one string property: the weakest matches are dropped if it would not fit.</summary>
    private static string EvidenceJson(IReadOnlyList<PublicationEvidence> evidence)
    {
        var kept = evidence;
        while (true)
        {
            var json = JsonSerializer.Serialize(kept, Json);
            if (json.Length <= ChunkChars || kept.Count == 0)
            {
                return json;
            }

            kept = [.. kept.OrderByDescending(e => e.Weight).Take(kept.Count / 2)];
        }
    }

    private static Publication FromEntity(TableEntity e)
    {
        var chunks = e.GetInt32("TextChunks") ?? 0;
        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            text.Append(e.GetString(i == 0 ? "Text" : "Text" + i.ToString(CultureInfo.InvariantCulture)));
        }

        return new Publication
        {
            Id = e.PartitionKey,
            Url = new Uri(e.GetString("Url")),
            Title = e.GetString("Title") ?? "",
            Summary = e.GetString("Summary") ?? "",
            Text = text.ToString(),
            TextTruncated = e.GetBoolean("TextTruncated") ?? false,
            Language = e.GetString("Language") ?? "other",
            Source = e.GetString("Source") ?? "",
            PublishedAt = e.GetDateTimeOffset("PublishedAt") ?? default,
            IngestedAt = e.GetDateTimeOffset("IngestedAt") ?? default,
            Pillars = SplitList(e.GetString("Pillars")),
            PillarsSetByAdmin = e.GetBoolean("PillarsSetByAdmin") ?? false,
            Classification = new PublicationClassification(
                e.GetString("ClassifiedLanguage") ?? "other",
                SplitList(e.GetString("ClassifiedPillars")),
                JsonSerializer.Deserialize<Dictionary<string, double>>(e.GetString("Scores") ?? "{}", Json) ?? [],
                JsonSerializer.Deserialize<List<PublicationEvidence>>(e.GetString("Evidence") ?? "[]", Json) ?? [],
                e.GetDouble("ClassifierThreshold"))
            {
                LearnedPillars = SplitList(e.GetString("LearnedPillars")),
            },
            PublishedToTopic = e.GetBoolean("PublishedToTopic") ?? false,
            PublishedToTopicAt = e.GetDateTimeOffset("PublishedToTopicAt"),
            TraceParent = e.GetString("TraceParent"),
        };
    }

    private static TableEntity ToIndexEntity(string partition, string rowKey, Publication p) => new(partition, rowKey)
    {
        ["Id"] = p.Id,
        ["Url"] = p.Url.AbsoluteUri,
        ["Title"] = p.Title,
        ["Summary"] = ReleaseValidator.Bound(p.Summary, IndexSummaryChars).Text,
        ["Language"] = p.Language,
        ["Pillars"] = string.Join(',', p.Pillars),
        ["PublishedAt"] = p.PublishedAt,
        ["Source"] = p.Source,
    };

    private static PublicationSummary FromIndexEntity(TableEntity e) => new(
        e.GetString("Id"),
        new Uri(e.GetString("Url")),
        e.GetString("Title") ?? "",
        e.GetString("Summary") ?? "",
        e.GetString("Language") ?? "other",
        SplitList(e.GetString("Pillars")),
        e.GetDateTimeOffset("PublishedAt") ?? default,
        e.GetString("Source") ?? "");

    private static string[] SplitList(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
