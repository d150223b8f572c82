using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.EndToEndTests;

/// <summary>
/// A local host for killing its worker: entities with short locks (what a dead worker held comes back within seconds,
/// not the minute of infra/), drains every second, one subscriber per fan-out page (a fan-out takes a while), and
/// <see cref="SubscriberCount"/> webhook subscribers of every pillar.
/// </summary>
public sealed class WorkerCrashFixture : LocalHostFixture
{
    public const int SubscriberCount = 20;
    public const int DeliveryConcurrency = 4;
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(3);

    private readonly Lazy<Task<IReadOnlyList<WebhookEndpoint>>> subscribers;

    public WorkerCrashFixture() => subscribers = new(CreateSubscribersAsync);

    /// <summary>The webhook subscribers, created once: each endpoint echoes the validation code and answers events after <see cref="EventDelay"/>.</summary>
    public Task<IReadOnlyList<WebhookEndpoint>> Subscribers => subscribers.Value;

    public TimeSpan EventDelay { get; set; }

    protected override void Customize(IDictionary<string, string?> settings)
    {
        AppEntities.Create(ServiceBus, LockDuration).ApplyTo(settings);
        // The test creates its subscribers from one client; the per-client limit is not what it is about.
        settings["RateLimits:ClientPermits"] = "1000";
        settings["FanOutSchedule"] = "* * * * * *";
        settings["DeliverySchedule"] = "* * * * * *";
        settings["FanOut:PageSize"] = "1";
        settings["Delivery:MaxConcurrency"] = DeliveryConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Delivery:LockRenewInterval"] = "00:00:01";
    }

    private async Task<IReadOnlyList<WebhookEndpoint>> CreateSubscribersAsync()
    {
        var pillars = (await Http.GetFromJsonAsync<JsonElement>("api/pillars")).EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();
        var endpoints = Enumerable.Range(0, SubscriberCount).Select(i => Webhooks.CreateEndpoint($"crash{i}")).ToList();
        await Task.WhenAll(endpoints.Select(async endpoint =>
        {
            endpoint.Responder = Reply;
            using var registered = await Http.PostAsJsonAsync("api/subscriptions", new
            {
                channel = "webhook",
                url = endpoint.Url,
                pillars,
                language = "en",
                frequency = "immediate",
            });
            if (registered.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Subscribing {endpoint.Url} failed: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
            }
        }));
        return endpoints;
    }

    private WebhookReply Reply(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        return root.GetProperty("type").GetString() == "subscription.validation"
            ? WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = root.GetProperty("data").GetProperty("validationCode").GetString() }))
            : WebhookReply.Slow(EventDelay);
    }
}
