using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HumanSecurityAlerts.LocalComponents;
using HumanSecurityAlerts.LocalHost;
using HumanSecurityAlerts.LocalHost.Environment;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Latency: from the admin POST of a release (real HTTP on loopback, through the local host as the local run and the
/// end-to-end tests start it) to the webhook's arrival at a subscriber of the release's pillars. With
/// <c>--subscribers N</c> above 1, N − 1 more webhook subscribers of the protection of civilians (one of the seed
/// release's pillars) are written through the app's store, all to a second receiver endpoint, so each release goes to N
/// subscribers; the next release waits until all N have been notified.
/// </summary>
internal static class LatencyScenario
{
    public static async Task<int> RunAsync(int releases, int warmup, TimeSpan gap, int subscribers, IDictionary<string, string?> overrides)
    {
        await using var env = await BenchEnvironment.StartAsync();
        await using var smtp = SmtpCaptureServer.Start();
        await using var receiver = await WebhookReceiver.StartAsync();
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var settings = LocalSettings.For(RepositoryPaths.Root, env.TablesConnection, env.Broker.ConnectionString, smtp.Host, smtp.Port, baseUrl);
        settings["TableStorage:TablePrefix"] = BenchEnvironment.NewTablePrefix();
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var app = LocalFunctionsApp.Build([], RepositoryPaths.Root, settings, baseUrl);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
            var endpoint = receiver.CreateEndpoint("latency");
            endpoint.Responder = Echo;
            using (var subscribed = await http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url.AbsoluteUri, pillars = PillarCatalog.All.Select(p => p.Id).ToArray() }))
            {
                var body = await subscribed.Content.ReadAsStringAsync();
                if (!subscribed.IsSuccessStatusCode || !body.Contains("\"active\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Subscribing the webhook failed: {(int)subscribed.StatusCode} {body}");
                }
            }

            var arrivals = Channel.CreateUnbounded<(long At, string Body)>();
            endpoint.Responder = request =>
            {
                arrivals.Writer.TryWrite((Stopwatch.GetTimestamp(), request.BodyText));
                return WebhookReply.Ok;
            };

            var crowdArrivals = new ConcurrentQueue<(long At, byte[] Body)>();
            if (subscribers > 1)
            {
                var crowd = receiver.CreateEndpoint("crowd");
                crowd.Responder = request =>
                {
                    crowdArrivals.Enqueue((Stopwatch.GetTimestamp(), request.Body));
                    return WebhookReply.Ok;
                };
                var seeding = Stopwatch.StartNew();
                // Through a second container of the app on the same settings: the worker's own is in the host's child process.
                await using (var writer = BenchEnvironment.BuildApp(settings, new CallProfile(), new WarningCounter()))
                {
                    await DeliveryScenarios.SeedSubscribersAsync(writer, subscribers - 1, _ => crowd.Url.AbsoluteUri);
                }

                Console.WriteLine($"Seeded {subscribers - 1:N0} more webhook subscribers in {seeding.Elapsed.TotalSeconds:F1} s (not part of the figures).");
            }

            var firsts = new List<double>();
            var lasts = new List<double>();
            var seed = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("seeds", "nato-human-security-2021-02-25.release.json")))!.AsObject();
            var seedUrl = seed["url"]!.GetValue<string>();
            var run = Guid.NewGuid().ToString("N")[..8];
            var latencies = new List<double>();
            var posts = new List<double>();
            var warm = new List<double>();
            for (var i = 0; i < warmup + releases; i++)
            {
                seed["url"] = $"{seedUrl}?bench={run}-{i}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/publications")
                {
                    Content = new StringContent(seed.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings[LocalSettings.AdminKey]);
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var posted = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                var answer = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 201)
                {
                    throw new InvalidOperationException($"Release {i} answered {(int)response.StatusCode}: {answer}");
                }

                var id = JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                double latency;
                while (true)
                {
                    var (at, body) = await arrivals.Reader.ReadAsync(timeout.Token);
                    if (body.Contains(id, StringComparison.Ordinal))
                    {
                        latency = Stopwatch.GetElapsedTime(start, at).TotalMilliseconds;
                        break;
                    }
                }

                var (first, last) = (latency, latency);
                var crowdSeen = 0;
                var marker = Encoding.UTF8.GetBytes(id);
                while (crowdSeen < subscribers - 1)
                {
                    if (!crowdArrivals.TryDequeue(out var arrival))
                    {
                        await Task.Delay(2, timeout.Token);
                        continue;
                    }

                    if (arrival.Body.AsSpan().IndexOf(marker) >= 0)
                    {
                        crowdSeen++;
                        var ms = Stopwatch.GetElapsedTime(start, arrival.At).TotalMilliseconds;
                        (first, last) = (Math.Min(first, ms), Math.Max(last, ms));
                    }
                }

                if (i >= warmup)
                {
                    firsts.Add(first);
                    lasts.Add(last);
                }

                (i < warmup ? warm : latencies).Add(latency);
                if (i >= warmup)
                {
                    posts.Add(posted);
                }

                await Task.Delay(gap);
            }

            var sorted = latencies.Order().ToList();
            var firstsSorted = firsts.Order().ToList();
            var lastsSorted = lasts.Order().ToList();
            Report.Print($"Latency from admin POST to webhook receipt, {releases} releases (after {warmup} warm-up), {subscribers:N0} subscriber(s) each",
            [
                ("releases measured", releases.ToString(CultureInfo.InvariantCulture)),
                ("subscribers notified per release", subscribers.ToString("N0", CultureInfo.InvariantCulture)),
                .. subscribers > 1
                    ? new[]
                    {
                        ("first webhook of a release (p50 / p95)", Ms(Percentile(firstsSorted, 0.50)) + " / " + Ms(Percentile(firstsSorted, 0.95))),
                        ("last webhook of a release (p50 / p95)", Ms(Percentile(lastsSorted, 0.50)) + " / " + Ms(Percentile(lastsSorted, 0.95))),
                        ("the tracked subscriber's webhook (created first, over HTTP): see p50/p95 below", ""),
                    }
                    : [],
                ("pause after each receipt", Report.Seconds(gap)),
                ("p50", Ms(Percentile(sorted, 0.50))),
                ("p95", Ms(Percentile(sorted, 0.95))),
                ("max", Ms(sorted[^1])),
                ("min", Ms(sorted[0])),
                ("mean", Ms(sorted.Average())),
                ("POST → 201 (p50 / p95)", Ms(Percentile(posts.Order().ToList(), 0.50)) + " / " + Ms(Percentile(posts.Order().ToList(), 0.95))),
                ("warm-up latencies", string.Join(", ", warm.Select(Ms))),
                ("all (ms, in order)", string.Join(" ", latencies.Select(l => l.ToString("F0", CultureInfo.InvariantCulture)))),
                .. Report.Machine(),
            ]);
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Ms(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    private static WebhookReply Echo(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var code = document.RootElement.GetProperty("data").GetProperty("validationCode").GetString();
        return WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = code }));
    }
}
