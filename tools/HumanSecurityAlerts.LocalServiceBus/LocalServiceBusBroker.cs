using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>
/// An in-process AMQP 1.0 broker that speaks the subset of Azure Service Bus the product uses, for tests and
/// the local run. The real <c>ServiceBusClient</c> connects to it with <see cref="ConnectionString"/>.
/// </summary>
/// <example>
/// <code>
/// await using var broker = new LocalServiceBusBroker();
/// broker.LoadEntities("infra/servicebus-entities.json");
/// await broker.StartAsync();
/// await using var client = new ServiceBusClient(broker.ConnectionString);
/// </code>
/// </example>
public sealed class LocalServiceBusBroker : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(50);

    private readonly EntityStore _entities = new(TimeProvider.System);
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private AmqpBrokerHost? _host;
    private Task? _ticker;
    private int _entityCount;

    public LocalServiceBusBroker(ILoggerFactory? loggerFactory = null)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LocalServiceBusBroker>();
    }

    /// <summary>The TCP port on loopback; known once started.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for the development-emulator mode of the client (plain TCP, any key).</summary>
    public string ConnectionString => Port == 0
        ? throw new InvalidOperationException("The broker has not been started.")
        : ConnectionStringFor(Port);

    /// <summary>The connection string of a broker (or anything relaying to one) on this loopback port.</summary>
    public static string ConnectionStringFor(int port) =>
        string.Create(CultureInfo.InvariantCulture, $"Endpoint=sb://localhost:{port};SharedAccessKeyName=local;SharedAccessKey=bG9jYWw=;UseDevelopmentEmulator=true");

    /// <summary>Adds the entities of a file in the emulator's Config.json shape, after validating all of it.</summary>
    /// <exception cref="ServiceBusConfigurationException">The file is invalid; the message names each offending entity.</exception>
    public void LoadEntities(string path) => LoadEntitiesFromJson(File.ReadAllText(path), path);

    /// <inheritdoc cref="LoadEntities"/>
    public void LoadEntitiesFromJson(string json, string source = "entity definitions")
    {
        var definitions = EntityDefinitionsReader.Read(json, source);
        foreach ((string name, QueueOptions options) in definitions.Queues)
        {
            AddQueue(name, options);
        }

        foreach ((string name, TopicOptions options, var subscriptions) in definitions.Topics)
        {
            AddTopic(name, options);
            foreach ((string subscriptionName, SubscriptionOptions subscriptionOptions) in subscriptions)
            {
                AddSubscription(name, subscriptionName, subscriptionOptions);
            }
        }
    }

    /// <summary>Adds a queue; allowed while running, so tests can create uniquely named entities.</summary>
    public void AddQueue(string name, QueueOptions? options = null)
    {
        _entities.AddQueue(name, options ?? new QueueOptions());
        Interlocked.Increment(ref _entityCount);
    }

    public void AddTopic(string name, TopicOptions? options = null)
    {
        _entities.AddTopic(name, options ?? new TopicOptions());
        Interlocked.Increment(ref _entityCount);
    }

    /// <exception cref="ServiceBusConfigurationException">A rule's filter is invalid or outside the supported SQL subset.</exception>
    public void AddSubscription(string topicName, string subscriptionName, SubscriptionOptions? options = null)
    {
        _entities.AddSubscription(topicName, subscriptionName, options ?? new SubscriptionOptions());
        Interlocked.Increment(ref _entityCount);
    }

    /// <summary>Starts listening on loopback; port 0 picks a free port.</summary>
    public Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The broker is already started.");
        }

        const int attempts = 5;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int candidate = port == 0 ? FreePort() : port;
            var host = new AmqpBrokerHost(_entities, _logger);
            try
            {
                host.Start(candidate);
                _host = host;
                Port = candidate;
                break;
            }
            catch (SocketException) when (port == 0 && attempt < attempts)
            {
                // Another process took the free port between probing and binding: try another.
                host.Dispose();
            }
        }

        _ticker = TickAsync(_stopping.Token);
        Log.Started(_logger, Port, _entityCount);
        return Task.CompletedTask;
    }

    /// <summary>Drops every client connection while entities and messages stay, so tests can check that clients recover.</summary>
    internal void CloseConnections() =>
        (_host ?? throw new InvalidOperationException("The broker has not been started.")).CloseConnections();

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_ticker is not null)
        {
            await _ticker.ConfigureAwait(false);
        }

        _host?.Dispose();
    }

    /// <summary>One timer drives lock expiry, scheduled enqueue and message expiry for every entity.</summary>
    private async Task TickAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    _entities.Tick();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.TickFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
