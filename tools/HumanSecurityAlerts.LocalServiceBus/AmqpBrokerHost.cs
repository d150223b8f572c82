using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Microsoft.Extensions.Logging;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// The AMQP side of the broker: accepts connections on loopback, authenticates anyone, and routes each
/// link attach to <c>$cbs</c>, an entity's <c>$management</c> node, or the entity itself.
/// </summary>
internal sealed class AmqpBrokerHost(EntityStore entities, ILogger logger) : IRuntimeProvider, IDisposable
{
    private const ulong MaxMessageSize = 256 * 1024;
    private const string CbsAddress = "$cbs";
    private const string ManagementSuffix = "/$management";
    private static readonly AmqpSymbol SessionFilter = new("com.microsoft:session-filter");

    private readonly RequestResponseNode requestResponse = new();
    private readonly ConcurrentDictionary<AmqpConnection, byte> connections = new();
    private AmqpTransportListener? listener;

    /// <summary>Listens on 127.0.0.1 (and ::1 when available) at the given port; throws a <see cref="SocketException"/> when it is taken.</summary>
    public void Start(int port)
    {
        var settings = new AmqpSettings { RuntimeProvider = this };
        var version = new AmqpVersion(1, 0, 0);
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(version);

        // The .NET client only offers MSSBCBS and the JavaScript one (rhea) only ANONYMOUS; either way the token goes
        // over $cbs afterwards, so both names are accepted anonymously.
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(version);
        settings.TransportProviders.Add(amqp);

        var listeners = new List<TransportListener> { new TcpTransportSettings { Host = IPAddress.Loopback.ToString(), Port = port }.CreateListener() };
        if (Socket.OSSupportsIPv6 && CanBind(IPAddress.IPv6Loopback, port))
        {
            listeners.Add(new TcpTransportSettings { Host = IPAddress.IPv6Loopback.ToString(), Port = port }.CreateListener());
        }

        this.listener = new AmqpTransportListener(listeners, settings);
        this.listener.Listen(OnAcceptTransport);
    }

    public void Dispose()
    {
        this.listener?.Close();
        CloseConnections();
    }

    /// <summary>Closes every client connection, as Service Bus does on a failover; the listener keeps accepting new ones.</summary>
    public void CloseConnections()
    {
        foreach (AmqpConnection connection in this.connections.Keys)
        {
            connection.SafeClose(new AmqpException(AmqpErrorCode.ConnectionForced, "The local broker closed the connection."));
        }
    }

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    // Sessions are created by the connection itself when the client begins one.
    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => throw new InvalidOperationException();

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        if (settings.Role == true)
        {
            // Advertised on attach: CreateMessageBatchAsync sizes batches by it.
            settings.MaxMessageSize = MaxMessageSize;
            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        string address = (link.IsReceiver ? ((Target)link.Settings.Target).Address : ((Source)link.Settings.Source).Address)?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "The link has no address.");
        string path = EntityStore.Normalize(address);
        Log.LinkAttaching(logger, link.IsReceiver ? "send" : "receive", path);
        if (!link.IsReceiver && HasSessionFilter((Source)link.Settings.Source))
        {
            // Without this the attach would be echoed with the session filter, and the client would believe it holds a session.
            throw new AmqpException(AmqpErrorCode.NotImplemented, $"Sessions are not supported by the local Service Bus broker ('{path}').");
        }

        if (path == CbsAddress)
        {
            AttachRequestResponse(link, _ => Cbs());
        }
        else if (path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            ResolvedEntity entity = Resolve(path[..^ManagementSuffix.Length]);
            AttachRequestResponse(link, request => ManagementOperations.Handle(entity, request));
        }
        else
        {
            AttachEntity(link, Resolve(path));
        }

        return new CompletedAsyncResult(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    // The filter is present but null for "the next available session", so look for the key rather than a value.
    private static bool HasSessionFilter(Source source) =>
        source.FilterSet?.Any(pair => SessionFilter.Equals(pair.Key.Key)) == true;

    private ResolvedEntity Resolve(string path) =>
        entities.Resolve(path) ?? throw new AmqpException(AmqpErrorCode.NotFound, $"The messaging entity 'sb://localhost/{path}' could not be found.");

    private void AttachRequestResponse(AmqpLink link, Func<AmqpMessage, AmqpMessage> handler)
    {
        if (link is ReceivingAmqpLink requests)
        {
            requestResponse.AttachRequestLink(requests, handler);
        }
        else
        {
            requestResponse.AttachReplyLink((SendingAmqpLink)link);
        }
    }

    private static void AttachEntity(AmqpLink link, ResolvedEntity entity)
    {
        switch (link)
        {
            case ReceivingAmqpLink publisher when entity.Sendable is { } sendable:
                _ = new MessagePublisher(sendable, publisher);
                break;
            case SendingAmqpLink consumer when entity.Receivable is { } queue:
                queue.AddConsumer(new MessageConsumer(queue, consumer));
                break;
            default:
                throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{entity.Path}' cannot be {(link.IsReceiver ? "sent to" : "received from")}.");
        }
    }

    // The broker accepts any token: it only runs on loopback for tests and the local run.
    private static AmqpMessage Cbs()
    {
        AmqpMessage response = AmqpMessage.Create();
        response.ApplicationProperties.Map["status-code"] = 200;
        response.ApplicationProperties.Map["status-description"] = "OK";
        return response;
    }

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        var connection = new AmqpConnection(
            args.Transport,
            (ProtocolHeader)args.UserToken,
            false,
            ((AmqpTransportListener)listener).AmqpSettings,
            new AmqpConnectionSettings { ContainerId = "HumanSecurityAlerts.LocalServiceBus", MaxFrameSize = 64 * 1024 });
        this.connections.TryAdd(connection, 0);
        connection.Closed += (_, _) => this.connections.TryRemove(connection, out _);
        connection.BeginOpen(AmqpConstants.DefaultTimeout, OnConnectionOpened, connection);
    }

    private void OnConnectionOpened(IAsyncResult result)
    {
        var connection = (AmqpConnection)result.AsyncState!;
        try
        {
            connection.EndOpen(result);
        }
        catch (Exception exception) when (exception is AmqpException or IOException or TimeoutException or OperationCanceledException or SocketException)
        {
            Log.ConnectionFailed(logger, exception);
            connection.SafeClose(exception);
        }
    }

    private static bool CanBind(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Link opening is synchronous here; the AMQP library still expects the Begin/End pattern.</summary>
    private sealed class CompletedAsyncResult : IAsyncResult
    {
        public CompletedAsyncResult(AsyncCallback callback, object state)
        {
            AsyncState = state;
            callback(this);
        }

        public object AsyncState { get; }

        public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

        public bool CompletedSynchronously => true;

        public bool IsCompleted => true;
    }
}
