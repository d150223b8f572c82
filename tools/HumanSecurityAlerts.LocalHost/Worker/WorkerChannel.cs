using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using HumanSecurityAlerts.LocalHost.Rpc;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>
/// One worker's event stream. The worker answers each request with the request's <c>request_id</c>; logs (RpcLog) go to
/// the host's log under the worker's own category, so the host's log filters apply to them as to its own logs.
/// </summary>
internal sealed partial class WorkerChannel(ILoggerFactory loggers)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new(StringComparer.Ordinal);
    // A gRPC stream takes one write at a time: messages queue here for the one writing loop.
    private readonly Channel<StreamingMessage> outgoing = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger logger = loggers.CreateLogger("Worker");

    /// <summary>Sends <paramref name="message"/> and waits for the worker's answer to it.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.RequestId))
        {
            message.RequestId = Guid.NewGuid().ToString();
        }

        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[message.RequestId] = answer;
        try
        {
            Send(message);
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pending.TryRemove(message.RequestId, out _);
        }
    }

    public void Send(StreamingMessage message)
    {
        if (!outgoing.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException("The worker's stream is closed.");
        }
    }

    /// <summary>Writes and reads the worker's messages until its stream ends; then fails every request still waiting.</summary>
    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        var writing = WriteAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception e) when (e is IOException or Grpc.Core.RpcException or OperationCanceledException or InvalidOperationException)
        {
            // The worker went away (killed, crashed, or stopped with the host); the host's supervisor reports it.
        }
        finally
        {
            outgoing.Writer.TryComplete();
            await writing.ConfigureAwait(false);
            foreach (var (_, answer) in pending)
            {
                answer.TrySetException(new WorkerUnavailableException("The worker went away before answering."));
            }
        }
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or Grpc.Core.RpcException or OperationCanceledException or InvalidOperationException)
        {
            // The stream broke: reading ends too, and fails what waits.
            outgoing.Writer.TryComplete();
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            Log(message.RpcLog);
        }
        else if (pending.TryGetValue(message.RequestId, out var answer))
        {
            answer.TrySetResult(message);
        }
    }

    private void Log(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        var categoryLogger = string.IsNullOrEmpty(log.Category) ? logger : loggers.CreateLogger(log.Category);
        if (level == LogLevel.None || !categoryLogger.IsEnabled(level))
        {
            return;
        }

        if (log.Exception is { } exception)
        {
            LogWorkerException(categoryLogger, level, log.Message, exception.Type, exception.Message, exception.StackTrace);
        }
        else
        {
            LogWorker(categoryLogger, level, log.Message);
        }
    }

    [LoggerMessage(Message = "{Message}")]
    private static partial void LogWorker(ILogger logger, LogLevel level, string message);

    [LoggerMessage(Message = "{Message} {ExceptionType}: {ExceptionMessage}\n{StackTrace}")]
    private static partial void LogWorkerException(ILogger logger, LogLevel level, string message, string exceptionType, string exceptionMessage, string stackTrace);
}
