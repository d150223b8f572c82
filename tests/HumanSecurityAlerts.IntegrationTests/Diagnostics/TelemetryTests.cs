using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.Diagnostics;
using HumanSecurityAlerts.Functions.Subscriptions;
using HumanSecurityAlerts.Functions.Telemetry;
using HumanSecurityAlerts.IntegrationTests.Delivery;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HumanSecurityAlerts.IntegrationTests.Diagnostics;

/// <summary>
/// The service's traces and metrics through OpenTelemetry's in-memory exporter, over the real app: Azurite, the local
/// broker, SMTP and a webhook receiver. Spans are told apart from other tests' by trace id; metrics by keeping only the
/// instruments of this app's own <see cref="ServiceTelemetry.Meter"/> (each service provider has its own).
/// </summary>
public sealed class TelemetryTests(AzuriteFixture azurite, LocalServiceBusFixture bus, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<LocalServiceBusFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task One_release_is_one_trace_from_the_POST_to_every_email_and_webhook_attempt_and_the_metrics_count_it()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ServiceTelemetry.Name).AddInMemoryExporter(spans).Build();
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:01" });
        var metrics = new List<MetricSnapshot>();
        using var metering = MetersOf(app, metrics);
        var reader = $"reader-{Guid.NewGuid():N}@example.org";
        await app.AddSubscriberAsync(reader, [PillarCatalog.ProtectionOfCivilians]);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(WebhookReply.Status(503));
        await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ProtectionOfCivilians]);

        var id = await app.ReleaseAsync("Civilians protected", PillarCatalog.ProtectionOfCivilians);
        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 2 && smtp.Server.To(reader).Count >= 1), Wait);
        await app.DrainAsync();

        tracing.ForceFlush();
        var mine = Snapshot(spans).Where(s => Equals(s.GetTagItem(ServiceTelemetry.PublicationIdTag), id)).ToList();
        var release = Assert.Single(mine, s => s.OperationName == "release publication");
        var trace = release.TraceId;
        var email = Assert.Single(mine, s => s.OperationName == "send email");
        var hooks = mine.Where(s => s.OperationName == "call webhook").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(2, hooks.Count);
        Assert.All(mine, s => Assert.Equal(trace, s.TraceId));
        Assert.Contains(mine, s => s.OperationName == "publish publication");
        Assert.Contains(mine, s => s.OperationName == "fan out publication");
        Assert.Equal(["retrying", "delivered"], hooks.Select(s => (string?)s.GetTagItem(ServiceTelemetry.OutcomeTag)));
        Assert.Equal([1, 2], hooks.Select(s => (int?)s.GetTagItem(ServiceTelemetry.AttemptTag)));
        Assert.Equal(("email", "delivered"), ((string?)email.GetTagItem(ServiceTelemetry.ChannelTag), (string?)email.GetTagItem(ServiceTelemetry.OutcomeTag)));

        // The spans in between (the topic's and the queue's consumers) are of the same trace, so each send's chain of
        // parents leads back to the POST.
        var all = Snapshot(spans).Where(s => s.TraceId == trace).ToDictionary(s => s.SpanId);
        Assert.All(hooks.Append(email), s => Assert.Equal(release.SpanId, Root(s, all).SpanId));
        Assert.Contains(all.Values, s => s.OperationName == $"process {app.Topic}/fan-out");
        Assert.Contains(all.Values, s => s.OperationName == "process " + app.Queue);

        // The receiver sees the trace on every attempt, each from its own attempt's span.
        var requests = endpoint.Requests;
        Assert.Equal(2, requests.Count);
        var parents = requests.Select(r => ActivityContext.Parse(r.Header("traceparent")!, null)).ToList();
        Assert.All(parents, p => Assert.Equal(trace, p.TraceId));
        Assert.Equal(hooks.Select(h => h.SpanId), parents.Select(p => p.SpanId));

        // Locally, without an exporter, one readable line says the release is done.
        Assert.Contains(app.Logs.Lines, l => l.Contains($"Release {id}: 2 deliveries done, 2 delivered in ", StringComparison.Ordinal) && l.Contains(", 0 failed, 0 dropped", StringComparison.Ordinal));

        // The operator's report names the trace and counts per channel.
        var report = (await app.AdminAsync("GET", "/api/manage/deliveries?publicationId=" + id)).Json;
        Assert.Equal(trace.ToHexString(), report.GetProperty("traceId").GetString());
        Assert.Equal(1, report.GetProperty("channels").GetProperty("email").GetProperty("delivered").GetInt32());
        Assert.Equal(1, report.GetProperty("channels").GetProperty("webhook").GetProperty("delivered").GetInt32());
        Assert.True(report.GetProperty("firstDeliveredAt").GetDateTimeOffset() <= report.GetProperty("lastDeliveredAt").GetDateTimeOffset());
        Assert.True(report.GetProperty("lastDeliveredAt").GetDateTimeOffset() >= requests[1].ReceivedAt.AddSeconds(-1));

        metering.ForceFlush();
        Assert.Equal(1, Sum(metrics, "hsa.releases.ingested"));
        Assert.Equal(1, Sum(metrics, "hsa.publications", (ServiceTelemetry.PillarTag, PillarCatalog.ProtectionOfCivilians)));
        Assert.Equal(1, Sum(metrics, "hsa.deliveries", (ServiceTelemetry.ChannelTag, "email"), (ServiceTelemetry.OutcomeTag, "delivered")));
        Assert.Equal(1, Sum(metrics, "hsa.deliveries", (ServiceTelemetry.ChannelTag, "webhook"), (ServiceTelemetry.OutcomeTag, "retrying")));
        Assert.Equal(1, Sum(metrics, "hsa.deliveries", (ServiceTelemetry.ChannelTag, "webhook"), (ServiceTelemetry.OutcomeTag, "delivered")));
        Assert.Equal(1, Sum(metrics, "hsa.delivery.attempts", (ServiceTelemetry.ChannelTag, "email")));
        Assert.Equal(2, Sum(metrics, "hsa.delivery.attempts", (ServiceTelemetry.ChannelTag, "webhook")));
        Assert.Equal(0, Sum(metrics, "hsa.fanout.backlog"));
        Assert.Equal(0, Sum(metrics, "hsa.dead_letters"));
        var latency = Points(metrics, "hsa.delivery.latency").ToList();
        Assert.Equal(2, latency.Sum(p => p.GetHistogramCount()));
        Assert.All(latency, p => Assert.InRange(p.GetHistogramSum(), 0, Wait.TotalSeconds * 2));
    }

    /// <summary>Spans of the sources the app exports (<see cref="TelemetryExport.Sources"/>) and its metrics.</summary>
    [Fact]
    public async Task Nothing_exported_in_a_tour_holds_an_address_a_token_or_a_secret()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(TelemetryExport.Sources).AddInMemoryExporter(spans).Build();
        await using var app = DeliveryApp.Create(azurite, bus, smtp, new Dictionary<string, string?> { ["Delivery:RetrySchedule"] = "00:00:01" });
        var metrics = new List<MetricSnapshot>();
        using var metering = MetersOf(app, metrics);

        // A reader subscribes over the API (the confirmation mail carries a token), an email and a webhook subscriber
        // (manage tokens, signing secret) receive a release, the webhook after a failure; the admin reads the report,
        // resends, and the manage and unsubscribe pages are opened with their tokens.
        var applicant = $"applicant-{Guid.NewGuid():N}@example.org";
        var subscribed = await app.Host.InvokeAsync(
            AppHost.Request("POST", "/api/subscriptions", JsonSerializer.Serialize(new { channel = "email", email = applicant, pillars = new[] { PillarCatalog.ProtectionOfCivilians } })),
            r => app.Host.Create<CreateSubscription>().Run(r, CancellationToken.None));
        Assert.Equal(202, subscribed.StatusCode);
        var confirmation = Assert.Single(await smtp.Server.WaitForAsync(applicant, 1, Wait));
        var reader = await app.AddSubscriberAsync($"reader-{Guid.NewGuid():N}@example.org", [PillarCatalog.ProtectionOfCivilians]);
        var endpoint = webhooks.Receiver.CreateEndpoint();
        endpoint.Script(WebhookReply.Status(503));
        var hook = await app.AddSubscriberAsync(endpoint.Url.AbsoluteUri, [PillarCatalog.ProtectionOfCivilians]);
        var id = await app.ReleaseAsync("Civilians protected", PillarCatalog.ProtectionOfCivilians);
        await app.DrainUntilAsync(() => Task.FromResult(endpoint.Requests.Count >= 2 && smtp.Server.To(reader.Address).Count >= 1), Wait);
        Assert.Equal(200, (await app.AdminAsync("GET", "/api/manage/deliveries?publicationId=" + id)).StatusCode);
        Assert.Equal(202, (await app.AdminAsync("POST", $"/api/manage/publications/{id}/resend")).StatusCode);
        await app.DrainAsync();
        foreach (var token in new[] { reader.ManageToken, hook.ManageToken })
        {
            var page = await app.Host.InvokeAsync(AppHost.Request("GET", "/api/subscriptions/manage/" + token), r => app.Host.Create<GetSubscription>().Run(r, token, CancellationToken.None));
            Assert.Equal(200, page.StatusCode);
        }

        tracing.ForceFlush();
        metering.ForceFlush();
        var exported = new StringBuilder();
        foreach (var span in Snapshot(spans))
        {
            exported.AppendLine(span.DisplayName).AppendLine(span.StatusDescription);
            foreach (var tag in span.TagObjects)
            {
                exported.Append(tag.Key).Append('=').AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var e in span.Events)
            {
                exported.AppendLine(e.Name).AppendJoin('\n', e.Tags.Select(t => t.Key + "=" + t.Value)).AppendLine();
            }

            foreach (var item in span.Baggage)
            {
                exported.Append(item.Key).Append('=').AppendLine(item.Value);
            }
        }

        foreach (var metric in metrics)
        {
            exported.AppendLine(metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    exported.Append(tag.Key).Append('=').AppendLine(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        var text = exported.ToString();
        Assert.Contains(id, text, StringComparison.Ordinal);
        Assert.Contains("hsa.deliveries", text, StringComparison.Ordinal);
        var confirmationToken = System.Text.RegularExpressions.Regex.Match(confirmation.Text, @"token=([A-Za-z0-9_\-]+)").Groups[1].Value;
        Assert.NotEmpty(confirmationToken);
        var secrets = new Dictionary<string, string>
        {
            ["an address"] = applicant,
            ["another address"] = reader.Address,
            ["a local part"] = reader.Address.Split('@')[0],
            ["the webhook URL"] = endpoint.Url.AbsoluteUri,
            ["a confirmation token"] = confirmationToken,
            ["a manage token"] = reader.ManageToken,
            ["another manage token"] = hook.ManageToken,
            ["a signing secret"] = hook.Secret!,
            ["a signing key"] = hook.Secret!["whsec_".Length..],
            ["the admin key"] = AppHost.AdminKey,
            ["the encryption key"] = app.Host.Configuration["Subscriptions:EncryptionKey"]!,
            ["the storage key"] = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
            ["the Service Bus key"] = Key(app.Host.Configuration["ServiceBus"]!),
        };
        Assert.All(secrets, s => Assert.True(!text.Contains(s.Value, StringComparison.OrdinalIgnoreCase), $"The exported telemetry holds {s.Key}."));
    }

    private static MeterProvider MetersOf(DeliveryApp app, List<MetricSnapshot> metrics)
    {
        var meter = app.Host.Services.GetRequiredService<ServiceTelemetry>().Meter;
        return Sdk.CreateMeterProviderBuilder()
            .AddMeter(ServiceTelemetry.Name)
            .AddView(i => ReferenceEquals(i.Meter, meter) ? null : MetricStreamConfiguration.Drop)
            .AddInMemoryExporter(metrics)
            .Build();
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static Activity Root(Activity span, Dictionary<ActivitySpanId, Activity> spans)
    {
        while (spans.TryGetValue(span.ParentSpanId, out var parent))
        {
            span = parent;
        }

        return span;
    }

    /// <summary>The points of the last export of <paramref name="name"/> (cumulative), with all the given tags.</summary>
    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags)
    {
        var last = metrics.LastOrDefault(m => m.Name == name);
        if (last is null)
        {
            return [];
        }

        return last.MetricPoints.Where(p => tags.All(t => Tags(p).Any(x => x.Key == t.Key && Equals(x.Value, t.Value))));
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }

        return list;
    }

    private static string Key(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)).Single(p => p[0] == "SharedAccessKey")[1];
}
