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

    private readonly EntityStore entities = new(TimeProvider.System);
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private AmqpBrokerHost? host;
    private Task? ticker;
    private int entityCount;

    public LocalServiceBusBroker(ILoggerFactory? loggerFactory = null)
    {
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LocalServiceBusBroker>();
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
        this.entities.AddQueue(name, options ?? new QueueOptions());
        Interlocked.Increment(ref entityCount);
    }

    public void AddTopic(string name, TopicOptions? options = null)
    {
        this.entities.AddTopic(name, options ?? new TopicOptions());
        Interlocked.Increment(ref entityCount);
    }

    /// <exception cref="ServiceBusConfigurationException">A rule's filter is invalid or outside the supported SQL subset.</exception>
    public void AddSubscription(string topicName, string subscriptionName, SubscriptionOptions? options = null)
    {
        this.entities.AddSubscription(topicName, subscriptionName, options ?? new SubscriptionOptions());
        Interlocked.Increment(ref entityCount);
    }

    /// <summary>Starts listening on loopback; port 0 picks a free port.</summary>
    public Task StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        if (this.host is not null)
        {
            throw new InvalidOperationException("The broker is already started.");
        }

        const int Attempts = 5;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int candidate = port == 0 ? FreePort() : port;
            var host = new AmqpBrokerHost(this.entities, logger);
            try
            {
                host.Start(candidate);
                this.host = host;
                Port = candidate;
                break;
            }
            catch (SocketException) when (port == 0 && attempt < Attempts)
            {
                // Another process took the free port between probing and binding: try another.
                host.Dispose();
            }
        }

        ticker = TickAsync(this.stopping.Token);
        Log.Started(logger, Port, entityCount);
        return Task.CompletedTask;
    }

    /// <summary>Drops every client connection while entities and messages stay, so tests can check that clients recover.</summary>
    internal void CloseConnections() =>
        (this.host ?? throw new InvalidOperationException("The broker has not been started.")).CloseConnections();

    public async ValueTask DisposeAsync()
    {
        if (this.stopping.IsCancellationRequested)
        {
            return;
        }

        await this.stopping.CancelAsync().ConfigureAwait(false);
        if (ticker is not null)
        {
            await ticker.ConfigureAwait(false);
        }

        this.host?.Dispose();
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
                    this.entities.Tick();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.TickFailed(logger, exception);
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
