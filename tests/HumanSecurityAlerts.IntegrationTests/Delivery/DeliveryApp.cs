using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.Delivery;
using HumanSecurityAlerts.Drains;
using HumanSecurityAlerts.Email;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Logging;
using HumanSecurityAlerts.Testing.ServiceBus;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Delivery;

/// <summary>
/// The whole app (<see cref="AppHost"/>) with the SMTP capture server and the loopback webhook receiver, locks of 30
/// seconds, no fan-out kicked by a release (the tests drain) and retries on a short schedule. Subscribers are written
/// through the app's own subscriber store (which keeps the pillar index), in any status.
/// </summary>
internal sealed class DeliveryApp : IAsyncDisposable
{
    private DeliveryApp(AppHost host) => Host = host;

    public AppHost Host { get; }

    public string Topic => Host.Entities!.Topic;

    public string Queue => Host.Entities!.Queue;

    public CapturingLoggerProvider Logs => Host.Logs;

    public IDeliveryLedger Ledger => Host.Services.GetRequiredService<IDeliveryLedger>();

    internal DeliveryDrains Drains => Host.Services.GetRequiredService<DeliveryDrains>();

    public static DeliveryApp Create(
        AzuriteFixture azurite,
        LocalServiceBusFixture bus,
        SmtpCaptureFixture smtp,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        TimeSpan? fanOutLock = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["FanOut:KickOnRelease"] = "false",
            ["FanOut:ReceiveWait"] = "00:00:00.300",
            ["Delivery:ReceiveWait"] = "00:00:00.300",
            ["Delivery:RetrySchedule"] = "00:00:01, 00:00:02",
            ["Delivery:WebhookTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var entities = AppEntities.Create(bus, TimeSpan.FromSeconds(30), fanOutLockDuration: fanOutLock);
        return new DeliveryApp(AppHost.Create(azurite, bus, smtp, "https://alerts.example.test", entities, all, configure));
    }

    /// <summary>Writes a subscriber through the app's store (pillar index included) and returns its manage token and webhook secret.</summary>
    public async Task<TestSubscriber> AddSubscriberAsync(
        string address,
        IReadOnlyList<string> pillars,
        SubscriberStatus status = SubscriberStatus.Active,
        SubscriptionFrequency frequency = SubscriptionFrequency.Immediate,
        Language? language = null)
    {
        var protector = Host.Services.GetRequiredService<ISecretProtector>();
        var webhook = address.StartsWith("http", StringComparison.Ordinal);
        var manageToken = Tokens.New();
        var secret = webhook ? WebhookSecret.Generate() : null;
        var subscriber = new Subscriber
        {
            Id = webhook ? "w" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : "e" + EmailAddress.Hash(address),
            Channel = webhook ? SubscriptionChannel.Webhook : SubscriptionChannel.Email,
            Status = status,
            Email = webhook ? null : address,
            Url = webhook ? address : null,
            Pillars = pillars,
            Language = language ?? Language.En,
            Frequency = frequency,
            ProtectedManageToken = protector.Protect(manageToken),
            ProtectedSecret = secret is null ? null : protector.Protect(secret),
            CreatedAt = DateTimeOffset.UtcNow,
            ActivatedAt = status == SubscriberStatus.Active ? DateTimeOffset.UtcNow : null,
            UnsubscribedAt = status == SubscriberStatus.Unsubscribed ? DateTimeOffset.UtcNow : null,
        };
        var store = Host.Services.GetRequiredService<ISubscriberStore>();
        await store.SaveAsync(subscriber, CancellationToken.None);
        await store.AddTokenAsync(new SubscriberToken(Tokens.Hash(manageToken), SubscriberTokenPurpose.Manage, subscriber.Id, null), CancellationToken.None);
        return new TestSubscriber(subscriber, manageToken, secret);
    }

    public Task<Subscriber?> GetSubscriberAsync(string id) =>
        Host.Services.GetRequiredService<ISubscriberStore>().GetAsync(id, CancellationToken.None);

    public Task<FunctionResponse> ReleaseAsync(string body)
    {
        var function = Host.Create<Functions.Publications.ReleasePublication>();
        return Host.InvokeAsync(AppHost.Request("POST", "/api/manage/publications", body, headers: AppHost.Admin), r => function.Run(r, CancellationToken.None));
    }

    /// <summary>Releases a made-up publication with admin-set pillars and returns its id.</summary>
    public async Task<string> ReleaseAsync(string title, params string[] pillars)
    {
        var body = JsonSerializer.Serialize(new
        {
            title,
            url = $"https://www.nato.int/cps/en/natohq/news_{Guid.NewGuid():N}.htm",
            summary = "Summary of " + title,
            text = "Text of " + title,
            language = "en",
            pillars,
        });
        var response = await ReleaseAsync(body);
        Assert.Equal(201, response.StatusCode);
        return response.Json.GetProperty("id").GetString()!;
    }

    public Task<FunctionResponse> AdminAsync(string method, string path, string? body = null, IDictionary<string, string>? headers = null)
    {
        var admin = Host.Create<Functions.Operations.DeliveryAdmin>();
        var request = AppHost.Request(method, path, body, headers: headers ?? AppHost.Admin);
        var route = path.Split('?')[0];
        return route switch
        {
            "/api/manage/deliveries" => Host.InvokeAsync(request, r => admin.GetDeliveries(r, CancellationToken.None)),
            "/api/manage/dead-letters" => Host.InvokeAsync(request, r => admin.ListDeadLetters(r, CancellationToken.None)),
            "/api/manage/dead-letters/replay" => Host.InvokeAsync(request, r => admin.ReplayDeadLetters(r, CancellationToken.None)),
            _ when route.StartsWith("/api/manage/publications/", StringComparison.Ordinal) && route.EndsWith("/resend", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => admin.ResendPublication(r, route.Split('/')[4], CancellationToken.None)),
            _ => throw new ArgumentException("Unknown admin route " + path),
        };
    }

    /// <summary>Runs the fan-out drain, then the delivery drain, until a round finds nothing (scheduled retries not yet due are left).</summary>
    public async Task DrainAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var fanOut = await Drains.DrainFanOutAsync(CancellationToken.None);
            var deliveries = await Drains.DrainDeliveriesAsync(CancellationToken.None);
            if (fanOut.Received == 0 && deliveries.Received == 0)
            {
                return;
            }
        }
    }

    /// <summary>Keeps draining (scheduled retries come due) until <paramref name="done"/> or the timeout.</summary>
    public async Task DrainUntilAsync(Func<Task<bool>> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!await done())
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException("The condition was not met while draining.");
            }

            await DrainAsync();
            await Task.Delay(100);
        }
    }

    public async Task<List<DeliveryRecord>> LedgerAsync(string publicationId)
    {
        var rows = new List<DeliveryRecord>();
        await foreach (var row in Ledger.ListAsync(publicationId, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Standard Webhooks verification written from the spec (not the app's signer).</summary>
    public static bool HasValidSignature(RecordedRequest request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.BodyText}");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        return (request.Header("webhook-signature") ?? "").Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

internal sealed record TestSubscriber(Subscriber Subscriber, string ManageToken, string? Secret)
{
    public string Id => Subscriber.Id;

    public string Address => Subscriber.Address;
}
