using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Drains;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.FanOut;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Storage;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>Fan-out, webhook and email throughput through the app's own drains (see benchmarks/README.md).</summary>
internal static class DeliveryScenarios
{
    private const string Pillar = PillarCatalog.ProtectionOfCivilians;

    /// <summary>One publication fanned out to <paramref name="subscribers"/> immediate subscribers seeded straight into the pillar index.</summary>
    public static async Task<int> FanOutAsync(int subscribers, IDictionary<string, string?> overrides)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var settings = Apply(env.Settings(), overrides);
        var profile = new CallProfile();
        var warnings = new WarningCounter();
        await using var app = BenchEnvironment.BuildApp(settings, profile, warnings);

        var seeding = Stopwatch.StartNew();
        await SeedIndexAsync(app, subscribers);
        Console.WriteLine($"Seeded {subscribers:N0} index rows in {seeding.Elapsed.TotalSeconds:F1} s (not part of the figures).");

        var publicationId = await ReleaseAsync(app);
        var drains = app.GetRequiredService<DeliveryDrains>();
        profile.Reset();
        var memory = MemoryProbe.Start();
        var clock = Stopwatch.StartNew();
        var drained = await drains.DrainFanOutAsync(CancellationToken.None);
        var drainTime = clock.Elapsed;
        var calls = profile.Rows().ToList();
        var figures = await memory.StopAsync();

        var progress = await app.GetRequiredService<IFanOutProgressStore>().GetAsync(publicationId, 0, CancellationToken.None)
            ?? throw new InvalidOperationException("No fan-out progress recorded.");
        var handlerTime = (progress.CompletedAt ?? progress.UpdatedAt) - progress.StartedAt;
        var counting = Stopwatch.StartNew();
        var (messages, distinct) = await CountQueueAsync(app.GetRequiredService<ServiceBusClient>(), settings["ServiceBus:DeliveriesQueue"]!);

        Report.Print($"Fan-out of one publication to {subscribers:N0} immediate subscribers", 
        [
            ("subscribers seeded (index rows)", subscribers.ToString("N0", CultureInfo.InvariantCulture)),
            ("fan-out messages handled", drained.Completed.ToString(CultureInfo.InvariantCulture)),
            ("deliveries queued (progress row)", progress.Queued.ToString("N0", CultureInfo.InvariantCulture)),
            ("delivery messages on the queue (received and deleted after)", $"{messages:N0} ({distinct:N0} distinct MessageIds; counted in {counting.Elapsed.TotalSeconds:F1} s)"),
            ("fan-out time (progress StartedAt → CompletedAt)", Report.Seconds(handlerTime)),
            ("subscribers/s (fan-out time)", Report.Rate(progress.Queued, handlerTime)),
            ("drain call (incl. the final empty receive)", Report.Seconds(drainTime)),
            ("subscribers/s (drain call)", Report.Rate(progress.Queued, drainTime)),
            .. figures.Rows(),
            ("warnings/errors logged by the app", warnings.Count.ToString(CultureInfo.InvariantCulture)),
            ("dependency calls during the fan-out", ""),
            .. profile.Rows(),
            .. Report.Machine(),
        ]);
        return messages == subscribers && distinct == subscribers ? 0 : 1;
    }

    /// <summary>
    /// <paramref name="count"/> webhook subscribers (one loopback receiver endpoint), one publication, the deliveries
    /// drain timed; with <paramref name="instances"/> above 1, that many copies of the app (each its own clients,
    /// connections and batchers, as separate Functions instances would have) drain the one queue at once.
    /// </summary>
    public static async Task<int> WebhooksAsync(int count, int instances, IDictionary<string, string?> overrides)
    {
        await using var env = await BenchEnvironment.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = receiver.CreateEndpoint("bench");
        var settings = Apply(env.Settings(), overrides);
        var profile = new CallProfile();
        var warnings = new WarningCounter();
        await using var apps = new AppInstances(settings, profile, warnings, instances);

        var result = await DeliverAsync(apps.All, count, i => endpoint.Url.AbsoluteUri, profile, () => endpoint.Requests.Select(r => (r.ReceivedAt, r.Headers.GetValueOrDefault("webhook-id") ?? "")).ToList());
        Report.Print($"Webhook delivery of one publication to {count:N0} subscribers (loopback Kestrel receiver)", 
        [
            .. result.Rows("webhook requests received"),
            ("instances draining", instances.ToString(CultureInfo.InvariantCulture)),
            ("warnings/errors logged by the app", warnings.Count.ToString(CultureInfo.InvariantCulture)),
            ("settings", DeliverySettings(settings)),
            ("dependency calls during delivery", ""),
            .. result.Calls,
            .. Report.Machine(),
        ]);
        return result.Received == count && result.Delivered == count ? 0 : 1;
    }

    /// <summary><paramref name="count"/> email subscribers, one publication, the deliveries drain timed, mail to the in-process SMTP server.</summary>
    public static async Task<int> EmailAsync(int count, int instances, IDictionary<string, string?> overrides)
    {
        await using var env = await BenchEnvironment.StartAsync();
        await using var smtp = SmtpCaptureServer.Start();
        var settings = Apply(env.Settings(smtp.Host, smtp.Port), overrides);
        var profile = new CallProfile();
        var warnings = new WarningCounter();
        await using var apps = new AppInstances(settings, profile, warnings, instances);

        var sessionsBefore = smtp.SessionCount;
        var result = await DeliverAsync(apps.All, count, i => $"reader{i}@example.org", profile, () => smtp.Messages.Select(m => (m.ReceivedAt, string.Join(',', m.Recipients))).ToList());
        Report.Print($"Email delivery of one publication to {count:N0} subscribers (in-process SMTP server)", 
        [
            .. result.Rows("emails received"),
            ("instances draining", instances.ToString(CultureInfo.InvariantCulture)),
            ("SMTP connections opened", (smtp.SessionCount - sessionsBefore).ToString(CultureInfo.InvariantCulture)),
            ("warnings/errors logged by the app", warnings.Count.ToString(CultureInfo.InvariantCulture)),
            ("settings", DeliverySettings(settings)),
            ("dependency calls during delivery", ""),
            .. result.Calls,
            .. Report.Machine(),
        ]);
        return result.Received == count && result.Delivered == count ? 0 : 1;
    }

    /// <summary>
    /// The table calls of <paramref name="count"/> deliveries and nothing else (no broker, no send): per subscriber, as
    /// <see cref="DeliveryService"/> makes them, claim the ledger row, read the subscriber, write the outcome, at most
    /// <c>Delivery:MaxConcurrency</c> at once through the app's own ledger and store. What it allocates and how fast it
    /// goes is the floor under the webhook and email figures that Azure.Data.Tables and Azurite set.
    /// </summary>
    public static async Task<int> StorageAsync(int count, IDictionary<string, string?> overrides)
    {
        await using var env = await BenchEnvironment.StartAsync();
        var settings = Apply(env.Settings(), overrides);
        var profile = new CallProfile();
        var warnings = new WarningCounter();
        await using var app = BenchEnvironment.BuildApp(settings, profile, warnings);
        var seeding = Stopwatch.StartNew();
        var ids = await SeedSubscribersAsync(app, count, i => $"https://hooks.example.org/bench/{i}");
        Console.WriteLine($"Seeded {count:N0} subscribers through the app's store in {seeding.Elapsed.TotalSeconds:F1} s (not part of the figures).");

        var ledger = app.GetRequiredService<IDeliveryLedger>();
        var directory = app.GetRequiredService<ISubscriberDirectory>();
        var concurrency = int.Parse(settings.GetValueOrDefault("Delivery:MaxConcurrency") ?? new DeliveryOptions().MaxConcurrency.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var publicationId = Guid.NewGuid().ToString("N");
        var found = 0;
        var delivered = 0;
        profile.Reset();
        using var sampler = Environment.GetEnvironmentVariable("HSA_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        var memory = MemoryProbe.Start();
        sampler?.Start();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (id, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var claim = new DeliveryRecord
            {
                PublicationId = publicationId,
                SubscriberId = id,
                DeliveryId = DeliveryId.Create(publicationId, id),
                Channel = SubscriptionChannel.Webhook,
                Status = DeliveryStatus.Sending,
                Attempts = 1,
                Run = "r1",
                FirstAttemptAt = now,
                LastAttemptAt = now,
            };
            var claimed = await ledger.TryWriteAsync(claim, ct) ?? throw new InvalidOperationException("Claim refused: " + id);
            if (await directory.GetActiveAsync(id, ct) is not null)
            {
                Interlocked.Increment(ref found);
            }

            if (await ledger.TryWriteAsync(claimed with { Status = DeliveryStatus.Delivered, DeliveredAt = DateTimeOffset.UtcNow, LastStatusCode = 204 }, ct) is not null)
            {
                Interlocked.Increment(ref delivered);
            }
        });
        var elapsed = clock.Elapsed;
        var calls = profile.Rows().ToList();
        var figures = await memory.StopAsync();
        var allocations = sampler?.Rows(30).ToList() ?? [];
        Report.Print($"The table calls of {count:N0} deliveries alone (claim, subscriber read, outcome; no broker, no send)",
        [
            ("deliveries", count.ToString("N0", CultureInfo.InvariantCulture)),
            ("subscribers read (active)", found.ToString("N0", CultureInfo.InvariantCulture)),
            ("outcomes written", delivered.ToString("N0", CultureInfo.InvariantCulture)),
            ("time", Report.Seconds(elapsed)),
            ("deliveries/s", Report.Rate(count, elapsed)),
            ("concurrency", concurrency.ToString(CultureInfo.InvariantCulture)),
            .. figures.Rows(),
            ("allocated per delivery", string.Create(CultureInfo.InvariantCulture, $"{figures.Allocated / 1024.0 / count:F1} KB")),
            ("warnings/errors logged by the app", warnings.Count.ToString(CultureInfo.InvariantCulture)),
            ("dependency calls", ""),
            .. calls,
            .. allocations.Count > 0 ? [("allocations by type (HSA_BENCH_ALLOCATIONS=1)", "")] : Array.Empty<(string, string)>(),
            .. allocations,
            .. Report.Machine(),
        ]);
        return found == count && delivered == count ? 0 : 1;
    }

    private static async Task<DeliveryFigures> DeliverAsync(IReadOnlyList<ServiceProvider> instances, int count, Func<int, string> address, CallProfile profile, Func<IReadOnlyList<(DateTimeOffset At, string Key)>> arrivals)
    {
        var app = instances[0];
        var seeding = Stopwatch.StartNew();
        await SeedSubscribersAsync(app, count, address);
        var publicationId = await ReleaseAsync(app);
        var fanOut = await app.GetRequiredService<DeliveryDrains>().DrainFanOutAsync(CancellationToken.None);
        Console.WriteLine($"Seeded {count:N0} subscribers through the app's store and fanned out ({fanOut.Completed} publication) in {seeding.Elapsed.TotalSeconds:F1} s (not part of the figures).");

        profile.Reset();
        using var sampler = Environment.GetEnvironmentVariable("HSA_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        var memory = MemoryProbe.Start();
        sampler?.Start();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var handled = 0;
        var passes = 0;
        await Task.WhenAll(instances.Select(async instance =>
        {
            var instanceDrains = instance.GetRequiredService<DeliveryDrains>();
            while (Volatile.Read(ref handled) < count && Interlocked.Increment(ref passes) <= 20 * instances.Count)
            {
                var pass = await instanceDrains.DrainDeliveriesAsync(CancellationToken.None);
                Interlocked.Add(ref handled, pass.Completed);
                if (pass.Received == 0)
                {
                    break;
                }
            }
        }));

        var drainTime = clock.Elapsed;
        var calls = profile.Rows().ToList();
        var figures = await memory.StopAsync();
        var allocations = sampler?.Rows(30).ToList() ?? [];
        var received = arrivals();
        var times = received.Select(r => r.At).ToList();
        var distinct = received.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count();
        var delivered = 0;
        await foreach (var row in app.GetRequiredService<IDeliveryLedger>().ListAsync(publicationId, CancellationToken.None))
        {
            delivered += row.Status == DeliveryStatus.Delivered ? 1 : 0;
        }

        var last = times.Count > 0 ? times.Max() - start : drainTime;
        return new DeliveryFigures(count, times.Count, times.Count - distinct, delivered, handled, last, drainTime, passes, figures, [.. calls, .. allocations.Count > 0 ? [("allocations by type (HSA_BENCH_ALLOCATIONS=1)", "")] : Array.Empty<(string, string)>(), .. allocations]);
    }

    private static string DeliverySettings(Dictionary<string, string?> settings)
    {
        var defaults = new DeliveryOptions();
        return string.Create(CultureInfo.InvariantCulture, $"Delivery:MaxConcurrency={settings.GetValueOrDefault("Delivery:MaxConcurrency") ?? defaults.MaxConcurrency + " (default)"}, "
            + $"ReceiveBatchSize={settings.GetValueOrDefault("Delivery:ReceiveBatchSize") ?? defaults.ReceiveBatchSize + " (default)"}");
    }

    private static Dictionary<string, string?> Apply(Dictionary<string, string?> settings, IDictionary<string, string?> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> ReleaseAsync(ServiceProvider app)
    {
        var id = Guid.NewGuid().ToString("N");
        var outcome = await app.GetRequiredService<PublicationReleaseService>().ReleaseAsync(
            new ReleaseRequest
            {
                Title = "Benchmark publication " + id,
                Url = $"https://www.nato.int/cps/en/natohq/news_{id}.htm",
                Summary = "A publication on the protection of civilians, released by the benchmark harness.",
                Text = "The protection of civilians in armed conflict: a benchmark release.",
                Language = "en",
                Pillars = [Pillar],
            },
            CancellationToken.None);
        return outcome.Publication?.Id ?? throw new InvalidOperationException("The release was refused: " + outcome.Errors);
    }

    /// <summary>Index rows only (what fan-out reads), written with table batch transactions of 100 rows.</summary>
    private static async Task SeedIndexAsync(ServiceProvider app, int count)
    {
        var protector = app.GetRequiredService<ISecretProtector>();
        var token = protector.Protect(Tokens.New());
        var table = await app.GetRequiredService<TableProvider>().GetTableAsync(TableSubscriberStore.IndexTable);
        var partition = TableSubscriberStore.IndexPartition(Pillar, SubscriptionFrequency.Immediate);
        var batches = Enumerable.Range(0, (count + 99) / 100);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (b, ct) =>
        {
            var actions = new List<TableTransactionAction>(100);
            for (var i = b * 100; i < Math.Min(count, (b + 1) * 100); i++)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "w" + i.ToString("x32", CultureInfo.InvariantCulture))
                {
                    ["Channel"] = SubscriptionChannel.Webhook.Name(),
                    ["Language"] = "en",
                    ["Frequency"] = SubscriptionFrequency.Immediate.Name(),
                    ["Address"] = $"https://hooks.example.org/bench/{i}",
                    ["ManageToken"] = token,
                }));
            }

            await table.SubmitTransactionAsync(actions, ct);
        });
    }

    /// <summary>Full subscribers (record and index row) through the app's own store, as delivery reads the record.</summary>
    internal static async Task<IReadOnlyList<string>> SeedSubscribersAsync(IServiceProvider app, int count, Func<int, string> address)
    {
        var ids = new string[count];
        var protector = app.GetRequiredService<ISecretProtector>();
        var store = app.GetRequiredService<ISubscriberStore>();
        var manage = protector.Protect(Tokens.New());
        var secret = protector.Protect(WebhookSecret.Generate());
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var to = address(i);
            var webhook = to.StartsWith("http", StringComparison.Ordinal);
            ids[i] = webhook ? "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : "e" + EmailAddress.Hash(to);
            await store.SaveAsync(
                new Subscriber
                {
                    Id = ids[i],
                    Channel = webhook ? SubscriptionChannel.Webhook : SubscriptionChannel.Email,
                    Status = SubscriberStatus.Active,
                    Email = webhook ? null : to,
                    Url = webhook ? to : null,
                    Pillars = [Pillar],
                    Language = i % 2 == 0 ? Language.En : Language.Fr,
                    Frequency = SubscriptionFrequency.Immediate,
                    ProtectedManageToken = manage,
                    ProtectedSecret = webhook ? secret : null,
                    CreatedAt = DateTimeOffset.UtcNow,
                    ActivatedAt = DateTimeOffset.UtcNow,
                },
                ct);
        });
        return ids;
    }

    private static async Task<(int Messages, int Distinct)> CountQueueAsync(ServiceBusClient client, string queue)
    {
        await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete, PrefetchCount = 0 });
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync(1000, TimeSpan.FromSeconds(2));
            if (batch.Count == 0)
            {
                return (total, ids.Count);
            }

            total += batch.Count;
            foreach (var message in batch)
            {
                ids.Add(message.MessageId);
            }
        }
    }

    /// <param name="Calls">The dependency calls of the timed phase (before the ledger is read to count rows).</param>
    private sealed record DeliveryFigures(int Count, int Received, int Duplicates, int Delivered, int Handled, TimeSpan LastArrival, TimeSpan DrainTime, int Passes, MemoryFigures Memory, IReadOnlyList<(string, string)> Calls)
    {
        public IEnumerable<(string, string)> Rows(string received)
        {
            yield return ("deliveries", Count.ToString("N0", CultureInfo.InvariantCulture));
            yield return (received, Received.ToString("N0", CultureInfo.InvariantCulture));
            yield return ("of which duplicates (same webhook-id or recipient)", Duplicates.ToString("N0", CultureInfo.InvariantCulture));
            yield return ("ledger rows Delivered", Delivered.ToString("N0", CultureInfo.InvariantCulture));
            yield return ("time to the last arrival", Report.Seconds(LastArrival));
            yield return ("deliveries/s (to the last arrival)", Report.Rate(Received, LastArrival));
            yield return ("drain calls (incl. the final empty receive)", string.Create(CultureInfo.InvariantCulture, $"{Report.Seconds(DrainTime)} in {Passes} pass(es), {Handled:N0} messages completed"));
            foreach (var row in Memory.Rows())
            {
                yield return row;
            }
        }
    }
}
