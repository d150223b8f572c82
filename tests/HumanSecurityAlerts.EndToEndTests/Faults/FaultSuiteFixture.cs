using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanSecurityAlerts.LocalServiceBus;
using HumanSecurityAlerts.Testing.Faults;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>
/// The local host with its worker process, for breaking things: Azurite of its own keeping its data on disk (it can be
/// stopped and started again), the broker and the SMTP capture server behind <see cref="TcpFaultProxy"/> links that can
/// be cut, webhook receivers whose answers a scenario sets, and <see cref="FaultScale.Subscribers"/> subscribers of
/// every pillar, half by email and half by webhook. Time is compressed so a scenario takes seconds, not hours: entity
/// locks of <see cref="LockDuration"/> (one minute in infra/), drain timers every <see cref="TimerPeriod"/> (30 s as
/// shipped), <see cref="RetrySchedule"/> instead of 5 s, 5 min, 30 min...
/// </summary>
public sealed class FaultSuiteFixture : LocalHostFixture
{
    public const string RetrySchedule = "00:00:02, 00:00:05, 00:00:10, 00:00:20, 00:00:30, 00:00:30, 00:00:30, 00:00:30, 00:00:30";
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan TimerPeriod = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(3);

    private readonly Lazy<Task<Audience>> audience;
    private readonly ConcurrentDictionary<RecordedRequest, byte> accepted = new(ReferenceEqualityComparer.Instance);

    public FaultSuiteFixture() => audience = new(CreateAudienceAsync);

    public DiskAzurite Storage { get; } = new();

    public TcpFaultProxy ServiceBusLink { get; private set; } = null!;

    public TcpFaultProxy SmtpLink { get; private set; } = null!;

    public string DeliveriesQueue { get; private set; } = "";

    public FaultReport Report { get; } = new(FaultScale.Current);

    /// <summary>The subscribers, created once through the API (webhooks verified, emails confirmed by their link).</summary>
    public Task<Audience> Subscribers => audience.Value;

    /// <summary>How every webhook endpoint answers events now (validation requests are always answered).</summary>
    public Func<WebhookReply> EventReply { get; set; } = () => WebhookReply.Ok;

    public override async Task InitializeAsync()
    {
        await Storage.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await Report.WriteAsync();
        await base.DisposeAsync();
        await ServiceBusLink.DisposeAsync();
        await SmtpLink.DisposeAsync();
        await Storage.DisposeAsync();
    }

    protected override void Customize(IDictionary<string, string?> settings)
    {
        ServiceBusLink = TcpFaultProxy.Start(ServiceBus.Broker.Port);
        SmtpLink = TcpFaultProxy.Start(Smtp.Port);
        settings["TableStorage"] = Storage.ConnectionString;
        settings["ServiceBus"] = LocalServiceBusBroker.ConnectionStringFor(ServiceBusLink.Port);
        settings["Smtp:Port"] = SmtpLink.Port.ToString(CultureInfo.InvariantCulture);

        var entities = AppEntities.Create(ServiceBus, LockDuration);
        entities.ApplyTo(settings);
        DeliveriesQueue = entities.Queue;

        var period = $"*/{TimerPeriod.TotalSeconds:0} * * * * *";
        settings["FanOutSchedule"] = period;
        settings["DeliverySchedule"] = period;
        settings["Delivery:RetrySchedule"] = RetrySchedule;
        settings["Delivery:LockRenewInterval"] = "00:00:02";
        settings["Webhooks:Timeout"] = WebhookTimeout.ToString("c", CultureInfo.InvariantCulture);
        // A fan-out of a few pages a second, so a kill can land in the middle of one.
        settings["FanOut:PageSize"] = "2";

        // The suite creates its subscribers from one client and confirms them all at once: not what it is about.
        settings["RateLimits:ClientPermits"] = "100000";
        settings["RateLimits:ConfirmationMailsPerMinute"] = "100000";
        settings["Subscriptions:EmailAnswerTime"] = "00:00:00";
    }

    private async Task<Audience> CreateAudienceAsync()
    {
        var pillars = (await Http.GetFromJsonAsync<JsonElement>("api/pillars")).EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();
        var half = FaultScale.Current.Subscribers / 2;
        var run = Guid.NewGuid().ToString("N")[..8];
        var endpoints = Enumerable.Range(0, half).Select(i => Webhooks.CreateEndpoint($"fault{run}{i}")).ToList();
        var addresses = Enumerable.Range(0, half).Select(i => $"reader{i}.{run}@example.org").ToList();
        foreach (var endpoint in endpoints)
        {
            endpoint.Responder = Reply;
        }

        using var gate = new SemaphoreSlim(16);
        async Task Throttled(Func<Task> work)
        {
            await gate.WaitAsync();
            try
            {
                await work();
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(
            endpoints.Select(e => Throttled(() => SubscribeWebhookAsync(e, pillars)))
                .Concat(addresses.Select(a => Throttled(() => SubscribeEmailAsync(a, pillars)))));
        return new Audience(endpoints, addresses);
    }

    private async Task SubscribeWebhookAsync(WebhookEndpoint endpoint, string[] pillars)
    {
        using var registered = await Http.PostAsJsonAsync("api/subscriptions", new { channel = "webhook", url = endpoint.Url, pillars, language = "en", frequency = "immediate" });
        if (registered.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Subscribing {endpoint.Url} failed: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        }
    }

    private async Task SubscribeEmailAsync(string address, string[] pillars)
    {
        using (var subscribed = await Http.PostAsJsonAsync("api/subscriptions", new { channel = "email", email = address, pillars, language = "en", frequency = "immediate" }))
        {
            if (subscribed.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Subscribing an address failed: {(int)subscribed.StatusCode} {await subscribed.Content.ReadAsStringAsync()}");
            }
        }

        var confirmation = (await Smtp.WaitForAsync(address, 1, TimeSpan.FromMinutes(2)))[0];
        using var confirmed = await EmailConfirmation.ConfirmAsync(Http, confirmation);
        if (!confirmed.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Confirming an address failed: {(int)confirmed.StatusCode}");
        }
    }

    /// <summary>Whether the receiver took this request in: answered 2xx within the sender's timeout.</summary>
    public bool Accepted(RecordedRequest request) => accepted.ContainsKey(request);

    private WebhookReply Reply(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        if (root.GetProperty("type").GetString() == "subscription.validation")
        {
            return WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = root.GetProperty("data").GetProperty("validationCode").GetString() }));
        }

        var reply = EventReply();
        if (reply is { StatusCode: >= 200 and < 300, ResetConnection: false } && reply.Delay < WebhookTimeout)
        {
            accepted.TryAdd(request, 0);
        }

        return reply;
    }
}
