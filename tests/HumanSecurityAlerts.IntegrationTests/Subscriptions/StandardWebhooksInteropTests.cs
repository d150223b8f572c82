using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HumanSecurityAlerts.Testing;
using HumanSecurityAlerts.Testing.Email;
using HumanSecurityAlerts.Testing.Storage;
using HumanSecurityAlerts.Testing.Webhooks;
using HumanSecurityAlerts.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace HumanSecurityAlerts.IntegrationTests.Subscriptions;

/// <summary>
/// What the app's webhook client puts on the wire, checked by the Standard Webhooks reference verifier (npm
/// <c>standardwebhooks</c>, run by Node.js from the repository's node_modules), as a subscriber's code would check it.
/// </summary>
public sealed class StandardWebhooksInteropTests(AzuriteFixture azurite, SmtpCaptureFixture smtp, WebhookReceiverFixture webhooks)
    : IClassFixture<AzuriteFixture>, IClassFixture<SmtpCaptureFixture>, IClassFixture<WebhookReceiverFixture>
{
    [Fact]
    public async Task The_reference_verifier_accepts_both_secrets_of_a_rotation_and_refuses_a_wrong_secret_or_a_changed_body()
    {
        var verifier = RepositoryPaths.Combine("node_modules", "standardwebhooks", "package.json");
        Assert.True(File.Exists(verifier), $"The Standard Webhooks verifier is not installed ({verifier} is missing): run 'npm ci' in {RepositoryPaths.Root}.");
        await using var app = SubscriptionApp.Create(azurite, smtp);
        var client = app.Host.Services.GetRequiredService<IWebhookClient>();
        var endpoint = webhooks.Receiver.CreateEndpoint();
        var (current, previous) = (WebhookSecret.Generate(), WebhookSecret.Generate());

        // Text from outside can hold any Unicode: accents, French quotes and spaces, an emoji, right-to-left script.
        var body = Encoding.UTF8.GetBytes("""{"type":"publication.released","data":{"title":"Protéger les civils : « Gaza » — حماية المدنيين 🕊️"}}""");
        var result = await client.PostAsync(new WebhookCall(endpoint.Url, "msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, body, [current, previous]), CancellationToken.None);

        Assert.Equal(WebhookCallOutcome.Delivered, result.Outcome);
        var request = Assert.Single(endpoint.Requests);
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = request.Header("webhook-id")!,
            ["webhook-timestamp"] = request.Header("webhook-timestamp")!,
            ["webhook-signature"] = request.Header("webhook-signature")!,
        };
        var changed = (byte[])request.Body.Clone();
        changed[^3] ^= 1;

        var verdicts = await VerifyAsync(
        [
            new { secret = current, headers, body = Convert.ToBase64String(request.Body) },
            new { secret = previous, headers, body = Convert.ToBase64String(request.Body) },
            new { secret = WebhookSecret.Generate(), headers, body = Convert.ToBase64String(request.Body) },
            new { secret = current, headers, body = Convert.ToBase64String(changed) },
        ]);

        Assert.Equal(body, request.Body);
        Assert.Equal("ok", verdicts[0]);
        Assert.Equal("ok", verdicts[1]);
        Assert.StartsWith("refused", verdicts[2], StringComparison.Ordinal);
        Assert.StartsWith("refused", verdicts[3], StringComparison.Ordinal);
    }

    private static async Task<string[]> VerifyAsync(object[] cases)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList = { RepositoryPaths.Combine("tests", "HumanSecurityAlerts.IntegrationTests", "Subscriptions", "js", "verify-standard-webhooks.mjs") },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(cases));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The verifier exited with {process.ExitCode}: {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }
}
