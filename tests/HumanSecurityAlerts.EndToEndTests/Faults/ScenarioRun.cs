using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Messaging.ServiceBus;
using HumanSecurityAlerts.Email;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>
/// One scenario: posts its two releases, then counts, per subscriber and release, what the SMTP server and the webhook
/// receivers got (read incrementally, as the suite's totals grow to thousands), and makes the report's row.
/// </summary>
internal sealed partial class ScenarioRun
{
    private readonly FaultSuiteFixture host;
    private readonly Audience audience;
    private readonly string name;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];
    private readonly int logStart;
    private readonly int deadLettersBefore;
    private readonly List<(string Id, string Url)> releases = [];
    private readonly Dictionary<(string Subscriber, int Release), Arrivals> arrivals = [];
    private readonly Dictionary<string, int> webhookCursor = [];
    private int emailCursor;

    private ScenarioRun(FaultSuiteFixture host, Audience audience, string name, int deadLettersBefore)
    {
        this.host = host;
        this.audience = audience;
        this.name = name;
        this.deadLettersBefore = deadLettersBefore;
        logStart = host.Logs.Lines.Count;
        emailCursor = host.Smtp.Messages.Count;
        foreach (var endpoint in audience.Webhooks)
        {
            webhookCursor[endpoint.Url.AbsoluteUri] = endpoint.Requests.Count;
        }
    }

    public int Expected => 2 * audience.Count;

    public static async Task<ScenarioRun> StartAsync(FaultSuiteFixture host, string name)
    {
        var audience = await host.Subscribers;
        return new ScenarioRun(host, audience, name, await DeadLettersAsync(host));
    }

    /// <summary>Posts the scenario's two releases (the seed article under two new URLs); each must be answered 201.</summary>
    public async Task ReleaseAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var url = $"https://www.nato.int/cps/fr/natohq/news_181779.htm?fault={tag}-{i}";
            using var released = await SeedRelease.PostAsync(host, json => json.Replace("https://www.nato.int/cps/fr/natohq/news_181779.htm", url, StringComparison.Ordinal));
            if (released.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Release answered {(int)released.StatusCode}: {await released.Content.ReadAsStringAsync()}");
            }

            releases.Add(((await released.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, url));
        }
    }

    /// <summary>Subscriber-and-release pairs notified at least once so far.</summary>
    public int Received()
    {
        Collect();
        return arrivals.Count;
    }

    public async Task WaitUntilReceivedAsync(int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (Received() < count && waited.Elapsed < timeout)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for every notification (or the timeout), then a little longer for late copies, and makes the row.</summary>
    public async Task<FaultOutcome> FinishAsync(DateTimeOffset faultEnded, TimeSpan timeout)
    {
        await WaitUntilReceivedAsync(Expected, timeout);
        // Copies held by a dead worker or a cut link come back within a lock and a timer tick.
        await Task.Delay(FaultSuiteFixture.LockDuration + FaultSuiteFixture.TimerPeriod + TimeSpan.FromSeconds(2));
        Collect();

        var lastFirst = arrivals.Count == 0 ? faultEnded : arrivals.Values.Max(a => a.First);
        var email = arrivals.Where(a => !a.Key.Subscriber.StartsWith("http", StringComparison.Ordinal)).Sum(a => a.Value.Count - 1);
        var webhook = arrivals.Where(a => a.Key.Subscriber.StartsWith("http", StringComparison.Ordinal)).ToList();
        var logs = host.Logs.Lines.Skip(logStart).ToList();
        var warnings = logs.Where(l => l.StartsWith("Warning ", StringComparison.Ordinal)).ToList();
        var errors = logs.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        var top = warnings.Concat(errors)
            .GroupBy(Gist)
            .OrderByDescending(g => g.Count())
            .Take(3)
            .Select(g => $"{g.Count()} × {g.Key}")
            .ToList();

        return new FaultOutcome(
            name,
            Expected,
            Expected - arrivals.Count,
            email,
            webhook.Sum(a => a.Value.Count - 1),
            webhook.Count == 0 ? 0 : webhook.Max(a => a.Value.Ids.Count),
            lastFirst > faultEnded ? lastFirst - faultEnded : TimeSpan.Zero,
            await DeadLettersAsync(host) - deadLettersBefore,
            warnings.Count,
            errors.Count,
            top,
            Missing(logs));
    }

    /// <summary>
    /// The notifications that never arrived (at most ten), each with what the logs said of it: a lost delivery is rare
    /// and must be explainable from one run's report.
    /// </summary>
    private List<string> Missing(List<string> logs)
    {
        var keys = audience.Emails.Concat(audience.Webhooks.Select(w => w.Url.AbsoluteUri));
        return [.. keys
            .SelectMany(key => Enumerable.Range(0, releases.Count).Where(r => !arrivals.ContainsKey((key, r))).Select(r => (Key: key, Release: r)))
            .Take(10)
            .Select(m =>
            {
                var webhook = m.Key.StartsWith("http", StringComparison.Ordinal);
                var subscriber = webhook ? new Uri(m.Key).AbsolutePath : "e" + EmailAddress.Hash(m.Key);
                var said = logs.Where(l => l.Contains(subscriber, StringComparison.Ordinal)).Take(5);
                return $"release {releases[m.Release].Id} to {(webhook ? "webhook " : "email subscriber ")}{subscriber}: {string.Join(" / ", said.DefaultIfEmpty("no log line of this scenario names it"))}";
            })];
    }

    private static async Task<int> DeadLettersAsync(FaultSuiteFixture host)
    {
        // Straight to the broker, not through the link a scenario may have cut.
        await using var client = new ServiceBusClient(host.ServiceBus.ConnectionString);
        await using var receiver = client.CreateReceiver(host.DeliveriesQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var count = 0;
        long? from = null;
        while (true)
        {
            var page = await receiver.PeekMessagesAsync(250, from);
            if (page.Count == 0)
            {
                return count;
            }

            count += page.Count;
            from = page[^1].SequenceNumber + 1;
        }
    }

    /// <summary>A log line as its kind: level, category and message, with ids and numbers blanked, cut short.</summary>
    private static string Gist(string line)
    {
        var bracket = line.IndexOf(" [", StringComparison.Ordinal);
        var text = Numbers().Replace(Ids().Replace(Guids().Replace(bracket > 0 ? line[..bracket] : line, "…"), "…"), "#");
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    [GeneratedRegex(@"\b[a-z]?[0-9a-f]{16,}[0-9a-z\-]*")]
    private static partial Regex Ids();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    private void Collect()
    {
        var messages = host.Smtp.Messages.ToArray();
        for (; emailCursor < messages.Length; emailCursor++)
        {
            var message = messages[emailCursor];
            var release = releases.FindIndex(r => message.Text.Contains(r.Url, StringComparison.Ordinal));
            if (release >= 0)
            {
                foreach (var recipient in message.Recipients)
                {
                    Arrive(recipient, release, message.ReceivedAt, null);
                }
            }
        }

        foreach (var endpoint in audience.Webhooks)
        {
            var requests = endpoint.Requests;
            var key = endpoint.Url.AbsoluteUri;
            for (var i = webhookCursor[key]; i < requests.Count; i++)
            {
                using var document = JsonDocument.Parse(requests[i].Body);
                var root = document.RootElement;
                if (root.GetProperty("type").GetString() != "publication.released" || !host.Accepted(requests[i]))
                {
                    continue;
                }

                var id = root.GetProperty("data").GetProperty("publication").GetProperty("id").GetString();
                var release = releases.FindIndex(r => r.Id == id);
                if (release >= 0)
                {
                    Arrive(key, release, requests[i].ReceivedAt, requests[i].Header("webhook-id"));
                }
            }

            webhookCursor[key] = requests.Count;
        }
    }

    private void Arrive(string subscriber, int release, DateTimeOffset at, string? webhookId)
    {
        if (!arrivals.TryGetValue((subscriber, release), out var seen))
        {
            arrivals[(subscriber, release)] = seen = new Arrivals(at);
        }

        seen.Count++;
        if (webhookId is not null)
        {
            seen.Ids.Add(webhookId);
        }
    }

    private sealed class Arrivals(DateTimeOffset first)
    {
        public DateTimeOffset First { get; } = first;

        public int Count { get; set; }

        public HashSet<string> Ids { get; } = [];
    }
}
