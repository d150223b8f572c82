using Xunit;

namespace HumanSecurityAlerts.Testing.Email;

/// <summary>One SMTP capture server per test run; tests tell their mail apart by unique recipient addresses.</summary>
public sealed class SmtpCaptureFixture : IAsyncLifetime
{
    private static readonly Lazy<SmtpCaptureServer> Shared = new(() =>
    {
        var server = SmtpCaptureServer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    });

    public SmtpCaptureServer Server { get; private set; } = null!;

    public static string NewRecipient(string name = "reader") => $"{name}.{Guid.NewGuid():N}@example.org";

    public Task InitializeAsync()
    {
        Server = Shared.Value;
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
