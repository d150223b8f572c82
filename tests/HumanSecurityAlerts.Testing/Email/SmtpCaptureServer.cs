using System.Buffers;
using System.Collections.Concurrent;
using HumanSecurityAlerts.LocalComponents;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace HumanSecurityAlerts.Testing.Email;

/// <summary>
/// An in-process SMTP server that keeps every message (parsed with MimeKit) and can be told to answer
/// a recipient with SMTP errors, to exercise retries and permanent failures.
/// </summary>
public sealed class SmtpCaptureServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<CapturedEmail> messages = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SmtpResponse>> scripted = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, byte> sessions = new();
    private readonly ConcurrentQueue<(string Recipient, DateTimeOffset At)> attempts = new();
    private readonly SmtpServer.SmtpServer server;
    private volatile SmtpResponse? refuseAll;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task running;

    private SmtpCaptureServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)).AllowUnsecureAuthentication())
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) => sessions.TryAdd(SessionKey(e.Context), 0);
        running = server.StartAsync(stopping.Token);
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public IReadOnlyCollection<CapturedEmail> Messages => messages.ToArray();

    /// <summary>Connections opened so far (across all tests sharing this server).</summary>
    public int SessionCount => sessions.Count;

    public static SmtpCaptureServer Start() => new(FreePort.Next());

    /// <summary>When a message to <paramref name="recipient"/> reached the end of its DATA, accepted or refused by a scripted reply.</summary>
    public IReadOnlyList<DateTimeOffset> AttemptsTo(string recipient) =>
        attempts.Where(a => string.Equals(a.Recipient, recipient, StringComparison.OrdinalIgnoreCase)).Select(a => a.At).ToList();

    public IReadOnlyList<CapturedEmail> To(string recipient) =>
        messages.Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>The next messages to <paramref name="recipient"/> get these replies in turn (e.g. 451, 550), then 250 again.</summary>
    public void ReplyTo(string recipient, params int[] replyCodes)
    {
        var queue = scripted.GetOrAdd(recipient, _ => new ConcurrentQueue<SmtpResponse>());
        foreach (var code in replyCodes)
        {
            queue.Enqueue(new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Mailbox unavailable (test)" : "Try again later (test)"));
        }
    }

    /// <summary>Every message gets this reply (e.g. 421, a server that is up but not accepting mail) until called with null.</summary>
    public void RefuseAll(int? replyCode) =>
        refuseAll = replyCode is { } code ? new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "Not accepting mail (test)" : "Service not available, try again later (test)") : null;

    public async Task<IReadOnlyList<CapturedEmail>> WaitForAsync(string recipient, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var received = To(recipient);
            if (received.Count >= count)
            {
                return received;
            }

            try
            {
                await Task.Delay(50, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} message(s) to {recipient} within {timeout}, got {received.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        server.Shutdown();
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        stopping.Dispose();
    }

    private static Guid SessionKey(ISessionContext context)
    {
        if (context.Properties.TryGetValue(nameof(SessionKey), out var value) && value is Guid id)
        {
            return id;
        }

        id = Guid.NewGuid();
        context.Properties[nameof(SessionKey)] = id;
        return id;
    }

    /// <summary>
    /// The library's listener, with Nagle's algorithm off on the listening socket (Linux copies it to accepted
    /// connections): with it on, a reply written in pieces waits for the client's delayed ACK (40 ms on Linux), which
    /// capped the server at ~22 messages a second on one connection.
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
            listener.Server.NoDelay = true;
            listener.Start();
            // The library's own listener around it (its constructor is internal).
            return (IEndpointListener)Activator.CreateInstance(
                typeof(EndpointListener),
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public,
                binder: null,
                [listener, (Action)(() => { })],
                System.Globalization.CultureInfo.InvariantCulture)!;
        }
    }

    private sealed class Store(SmtpCaptureServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            foreach (var recipient in recipients)
            {
                owner.attempts.Enqueue((recipient, DateTimeOffset.UtcNow));
            }

            if (owner.refuseAll is { } refused)
            {
                return refused;
            }

            foreach (var recipient in recipients)
            {
                if (owner.scripted.TryGetValue(recipient, out var queue) && queue.TryDequeue(out var reply))
                {
                    return reply;
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            var from = transaction.From is null ? "" : $"{transaction.From.User}@{transaction.From.Host}";
            owner.messages.Enqueue(new CapturedEmail(from, recipients, message, SessionKey(context), DateTimeOffset.UtcNow));
            return SmtpResponse.Ok;
        }
    }
}
