using Xunit;

namespace HumanSecurityAlerts.Testing.Webhooks;

/// <summary>One webhook receiver per test run; each test creates its own endpoint.</summary>
public sealed class WebhookReceiverFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<WebhookReceiver>> Shared = new(async () =>
    {
        var receiver = await WebhookReceiver.StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => receiver.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return receiver;
    });

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync() => Receiver = await Shared.Value.ConfigureAwait(false);

    public Task DisposeAsync() => Task.CompletedTask;
}
