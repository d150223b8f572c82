using System.Net.Sockets;
using System.Threading.Channels;
using HumanSecurityAlerts.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace HumanSecurityAlerts.Email;

/// <summary>
/// Sends through a small pool of SMTP connections (MailKit; <see cref="SmtpOptions.Connections"/>, one by default),
/// each kept open and reused, each carrying one message at a time. When a connection breaks (the server closed an
/// idle connection, a network error), it reconnects: a message that failed on a reused connection is tried once more
/// on a fresh one. SMTP 4xx and connection problems are transient, 5xx permanent (<see cref="EmailSendException.IsTransient"/>).
/// </summary>
internal sealed partial class SmtpEmailSender : IEmailSender, IAsyncDisposable, IDisposable
{
    private readonly IOptions<SmtpOptions> options;
    private readonly ILogger<SmtpEmailSender> logger;
    private readonly Channel<Connection> idle;
    private readonly int size;
    private int disposed;
    private int connectionsOpened;

    public SmtpEmailSender(IOptions<SmtpOptions> options, ILogger<SmtpEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.logger = logger;
        size = options.Value.Connections;
        idle = Channel.CreateBounded<Connection>(size);
        for (var i = 0; i < size; i++)
        {
            idle.Writer.TryWrite(new Connection(this));
        }
    }

    /// <summary>Connections opened so far (diagnostics and tests).</summary>
    public int ConnectionsOpened => Volatile.Read(ref connectionsOpened);

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = Build(message, options.Value);
        var connection = await idle.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            idle.Writer.TryWrite(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Both Dispose and DisposeAsync may be called (and a host may dispose during shutdown more than once).
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // Each connection is closed once it is back from the message it carries.
        for (var i = 0; i < size; i++)
        {
            var connection = await idle.Reader.ReadAsync().ConfigureAwait(false);
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal static MimeMessage Build(EmailMessage message, SmtpOptions settings)
    {
        var from = new MailboxAddress(settings.FromName, settings.FromAddress);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = SafeText.ForHeader(message.Subject); // last stop before the wire: no bidi controls, no line breaks

        // MimeKit's default Message-ID names the machine (e.g. "@vm"): the sender's domain says who sent it, reveals nothing.
        mime.MessageId = MimeUtils.GenerateMessageId(from.Domain);

        // RFC 3834: tells auto-responders not to answer; RFC 2919: lets a mail client file and filter the alerts as one list.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Headers.Add(HeaderId.ListId, MimeUtils.Quote(SafeText.ForHeader(settings.FromName)) + " <alerts." + from.Domain + ">");
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        // A Content-* header belongs to the top-level MIME entity (MimeKit drops it from the message's own headers).
        mime.Body.Headers.Add(HeaderId.ContentLanguage, message.Language);
        return mime;
    }

    private static bool IsConnectionProblem(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>One SMTP connection, opened when first needed; one message at a time (the pool hands it out).</summary>
    private sealed class Connection(SmtpEmailSender owner) : IDisposable
    {
        private SmtpClient? client;

        public async Task SendAsync(MimeMessage mime, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var reused = client is { IsConnected: true };
                try
                {
                    var connected = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                    await connected.SendAsync(mime, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (SmtpCommandException e)
                {
                    // The server answered; the connection stays usable (MailKit resets the transaction).
                    var status = (int)e.StatusCode;
                    LogRefused(owner.logger, status, e.ErrorCode.ToString());
                    throw new EmailSendException($"The SMTP server refused the message ({status}, {e.ErrorCode}).", status is >= 400 and < 500, status);
                }
                catch (AuthenticationException e)
                {
                    await DropAsync().ConfigureAwait(false);
                    throw new EmailSendException("SMTP authentication failed.", isTransient: true, innerException: e);
                }
                catch (Exception e) when (IsConnectionProblem(e, cancellationToken))
                {
                    await DropAsync().ConfigureAwait(false);
                    if (reused && attempt == 0)
                    {
                        LogReconnecting(owner.logger, e.GetType().Name);
                        continue;
                    }

                    throw new EmailSendException("Could not deliver to the SMTP server: " + e.GetType().Name + ".", isTransient: true, innerException: e);
                }
            }
        }

        public async Task CloseAsync()
        {
            if (client is { IsConnected: true })
            {
                try
                {
                    await client.DisconnectAsync(quit: true).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
                {
                    // Closing anyway.
                }
            }

            Dispose();
        }

        public void Dispose()
        {
            client?.Dispose();
            client = null;
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
        {
            if (client is { IsConnected: true })
            {
                return client;
            }

            client?.Dispose();
            var settings = owner.options.Value;
            client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            var security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            };

            // Our own socket, to turn Nagle's algorithm off: SMTP is a chain of small writes each waiting for a reply, and
            // with Nagle on, a write that follows an unacknowledged one waits for the peer's delayed ACK (40 ms on Linux).
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    connecting.CancelAfter(settings.Timeout);
                    await socket.ConnectAsync(settings.Host, settings.Port, connecting.Token).ConfigureAwait(false);
                }

                await client.ConnectAsync(socket, settings.Host, settings.Port, security, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            if (!string.IsNullOrEmpty(settings.UserName))
            {
                // With Auto, a server (or a man in the middle) that does not offer STARTTLS leaves the connection in clear.
                if (!client.IsSecure && !settings.AllowUnencryptedAuthentication)
                {
                    await DropAsync().ConfigureAwait(false);
                    LogUnencrypted(owner.logger, settings.Host, settings.Port);
                    throw new EmailSendException("Refused to send SMTP credentials over an unencrypted connection (no TLS): set Smtp__Security to StartTls or SslOnConnect.", isTransient: true);
                }

                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            Interlocked.Increment(ref owner.connectionsOpened);
            LogConnected(owner.logger, settings.Host, settings.Port);
            return client;
        }

        private async Task DropAsync()
        {
            if (client is null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: false).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException)
            {
                // Already broken.
            }

            client.Dispose();
            client = null;
        }
    }

    [LoggerMessage(LogLevel.Debug, "SMTP connection opened to {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string host, int port);

    [LoggerMessage(LogLevel.Error, "SMTP connection to {Host}:{Port} is not encrypted; credentials not sent")]
    private static partial void LogUnencrypted(ILogger logger, string host, int port);

    [LoggerMessage(LogLevel.Information, "SMTP connection broke ({Error}); reconnecting")]
    private static partial void LogReconnecting(ILogger logger, string error);

    [LoggerMessage(LogLevel.Warning, "SMTP server refused a message: {Status} {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, int status, string errorCode);
}
