namespace HumanSecurityAlerts.LocalHost.Functions;

/// <summary>The functions of the app, known once the first worker has indexed them; HTTP routes and timers start from here.</summary>
internal sealed class FunctionIndex : IDisposable
{
    private readonly TaskCompletionSource<IReadOnlyList<IndexedFunction>> indexed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource published = new();

    public Task<IReadOnlyList<IndexedFunction>> Indexed => indexed.Task;

    /// <summary>Cancelled when the functions are known.</summary>
    public CancellationToken Published => published.Token;

    public void Publish(IReadOnlyList<IndexedFunction> functions)
    {
        if (indexed.TrySetResult(functions))
        {
            published.Cancel();
        }
    }

    public void Dispose() => published.Dispose();
}
