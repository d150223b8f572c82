using System.Collections.Concurrent;

namespace HumanSecurityAlerts.Testing.Webhooks;

/// <summary>One test's URL on the shared receiver: records what arrives and answers as scripted.</summary>
public sealed class WebhookEndpoint(Uri url)
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentQueue<WebhookReply> scripted = new();

    public Uri Url { get; } = url;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    /// <summary>Answer used once the scripted replies run out; a responder, when set, takes precedence over it.</summary>
    public WebhookReply DefaultReply { get; set; } = WebhookReply.Ok;

    /// <summary>Computes a reply from the request, e.g. echoing a validation code.</summary>
    public Func<RecordedRequest, WebhookReply>? Responder { get; set; }

    /// <summary>The next requests get these replies in turn.</summary>
    public void Script(params WebhookReply[] replies)
    {
        foreach (var reply in replies)
        {
            scripted.Enqueue(reply);
        }
    }

    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (requests.Count < count)
        {
            try
            {
                await Task.Delay(25, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} request(s) at {Url} within {timeout}, got {requests.Count}.");
            }
        }

        return Requests;
    }

    internal WebhookReply Record(RecordedRequest request)
    {
        requests.Enqueue(request);
        if (scripted.TryDequeue(out var reply))
        {
            return reply;
        }

        return Responder?.Invoke(request) ?? DefaultReply;
    }
}
