using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using HumanSecurityAlerts.Functions.Subscriptions;
using HumanSecurityAlerts.IntegrationTests.Hosting;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Subscriptions;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Logging;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

/// <summary>The app (<see cref="AppHost"/>) with the SMTP capture server, no broker and a fake clock, with the subscription functions at hand.</summary>
internal sealed partial class SubscriptionApp : IAsyncDisposable
{
    public const string BaseUrl = "http://localhost:7071/";

    private SubscriptionApp(AppHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
    }

    public AppHost Host { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs => Host.Logs;

    public string TablePrefix => Host.TablePrefix;

    public string ConnectionString => Host.StorageConnectionString;

    public ISubscriberDirectory Directory => Host.Services.GetRequiredService<ISubscriberDirectory>();

    public static SubscriptionApp Create(AzuriteFixture azurite, SmtpCaptureFixture smtp, bool allowPrivateNetworks = true, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Subscriptions:VerificationTimeout"] = "00:00:05",
            ["Subscriptions:EmailAnswerTime"] = "00:00:00.200",
            ["Webhooks:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = AppHost.Create(azurite, smtp: smtp, baseUrl: BaseUrl, settings: settings, configure: services => services.AddSingleton<TimeProvider>(time));
        return new SubscriptionApp(host, time);
    }

    public Task<FunctionResponse> SubscribeAsync(object body) => SubscribeRawAsync(JsonSerializer.Serialize(body));

    public Task<FunctionResponse> SubscribeRawAsync(string body, string contentType = "application/json") =>
        Host.InvokeAsync(AppHost.Request("POST", "/api/subscriptions", body, contentType), r => Host.Create<CreateSubscription>().Run(r, CancellationToken.None));

    public Task<FunctionResponse> GetAsync(Uri link, IDictionary<string, string>? headers = null)
    {
        var path = link.PathAndQuery;
        var request = AppHost.Request("GET", path, headers: headers);
        return path switch
        {
            _ when path.StartsWith("/api/subscriptions/confirm", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<ConfirmSubscription>().Run(r, CancellationToken.None)),
            _ when path.StartsWith("/api/subscriptions/manage/", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<GetSubscription>().Run(r, TokenOf(path), CancellationToken.None)),
            _ when path.StartsWith("/api/subscriptions/unsubscribe/", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<GetUnsubscribePage>().Run(r, TokenOf(path), CancellationToken.None)),
            _ => throw new ArgumentException("Not a subscription link: " + path),
        };
    }

    /// <summary>Opens the confirmation link (a page with a button) and presses the button: the POST's answer.</summary>
    public async Task<FunctionResponse> ConfirmAsync(Uri link)
    {
        var page = await GetAsync(link);
        if (page.StatusCode != 200 || HiddenTokenPattern().Match(page.Body) is not { Success: true } hidden)
        {
            return page;
        }

        var request = AppHost.Request("POST", "/api/subscriptions/confirm", "token=" + hidden.Groups[1].Value, "application/x-www-form-urlencoded");
        return await Host.InvokeAsync(request, r => Host.Create<SubmitConfirmation>().Run(r, CancellationToken.None));
    }

    public Task<FunctionResponse> PostAsync(Uri link, string? body, string contentType = "application/x-www-form-urlencoded")
    {
        var path = link.PathAndQuery;
        var request = AppHost.Request("POST", path, body, contentType);
        var token = TokenOf(path);
        return path switch
        {
            _ when path.EndsWith("/rotate-link", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<RotateManageLink>().Run(r, token, CancellationToken.None)),
            _ when path.EndsWith("/verify", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<VerifyWebhook>().Run(r, token, CancellationToken.None)),
            _ when path.EndsWith("/rotate-secret", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<RotateWebhookSecret>().Run(r, token, CancellationToken.None)),
            _ when path.StartsWith("/api/subscriptions/manage/", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<UpdateSubscription>().Run(r, token, CancellationToken.None)),
            _ when path.StartsWith("/api/subscriptions/unsubscribe/", StringComparison.Ordinal) =>
                Host.InvokeAsync(request, r => Host.Create<Unsubscribe>().Run(r, token, CancellationToken.None)),
            _ => throw new ArgumentException("Not a subscription link: " + path),
        };
    }

    public static Uri ConfirmLink(CapturedEmail email) =>
        new(ConfirmLinkPattern().Match(email.Text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No confirmation link in: " + email.Text));

    /// <summary>The link in the email's List-Unsubscribe header.</summary>
    public static Uri UnsubscribeLink(CapturedEmail email) => new(email.Header("List-Unsubscribe")!.Trim('<', '>'));

    public static Uri ManageLink(Uri unsubscribeLink) => new(unsubscribeLink.AbsoluteUri.Replace("/unsubscribe/", "/manage/", StringComparison.Ordinal));

    public async Task<List<ActiveSubscriber>> ActiveAsync(string pillar, SubscriptionFrequency frequency = SubscriptionFrequency.Immediate)
    {
        var list = new List<ActiveSubscriber>();
        await foreach (var s in Directory.ListAllActiveAsync(PillarId.TryParse(pillar, out var id) ? id : throw new ArgumentException("Unknown pillar.", nameof(pillar)), frequency, CancellationToken.None))
        {
            list.Add(s);
        }

        return list;
    }

    /// <summary>Every entity in every table of this test's prefix, or in the tables named.</summary>
    public async Task<int> CountStoredEntitiesAsync(params string[] tables)
    {
        var service = new TableServiceClient(ConnectionString);
        var count = 0;
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(TablePrefix) >= 0 && t.Name.CompareTo(TablePrefix + "~") < 0))
        {
            if (tables.Length > 0 && !tables.Any(t => table.Name == TablePrefix + t))
            {
                continue;
            }

            await foreach (var _ in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Answers the verification event by echoing its code (or a wrong one).</summary>
    public static Func<RecordedRequest, WebhookReply> Echo(bool correctly = true) => request =>
    {
        using var document = JsonDocument.Parse(request.Body);
        var code = document.RootElement.GetProperty("data").GetProperty("validationCode").GetString();
        return WebhookReply.Json(JsonSerializer.Serialize(new { validationResponse = correctly ? code : code + "x" }));
    };

    /// <summary>Standard Webhooks verification written from the spec, independent of the app's signer.</summary>
    public static bool HasValidSignature(RecordedRequest request, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.BodyText}");
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        return (request.Header("webhook-signature") ?? "").Split(' ').Contains(expected);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static string TokenOf(string path) => path.Split('?')[0].Split('/')[4];

    [GeneratedRegex(@"http://localhost:7071/api/subscriptions/confirm\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex ConfirmLinkPattern();

    [GeneratedRegex(@"<input type=""hidden"" name=""token"" value=""([A-Za-z0-9_\-]+)"">")]
    private static partial Regex HiddenTokenPattern();
}
