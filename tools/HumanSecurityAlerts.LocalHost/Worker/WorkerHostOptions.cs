namespace HumanSecurityAlerts.LocalHost.Worker;

/// <param name="App">The built Functions app.</param>
/// <param name="Settings">The app settings, given to the worker as environment variables.</param>
/// <param name="RpcUri">Where the host's gRPC endpoint listens, for the worker's <c>--functions-uri</c>.</param>
internal sealed record WorkerHostOptions(FunctionsAppFolder App, IReadOnlyDictionary<string, string?> Settings, Uri RpcUri)
{
    /// <summary>How long a worker has to connect, initialize and load the functions.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a worker has to exit after WorkerTerminate before it is killed.</summary>
    public TimeSpan TerminateGracePeriod { get; init; } = TimeSpan.FromSeconds(5);
}
