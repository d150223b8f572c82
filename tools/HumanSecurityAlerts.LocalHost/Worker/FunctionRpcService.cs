using Grpc.Core;
using HumanSecurityAlerts.LocalHost.Rpc;

namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>The host side of the protocol: a worker opens the event stream and introduces itself with StartStream.</summary>
internal sealed partial class FunctionRpcService(WorkerRendezvous rendezvous, ILoggerFactory loggers) : FunctionRpc.FunctionRpcBase
{
    private readonly ILogger logger = loggers.CreateLogger<FunctionRpcService>();

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        if (!await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false)
            || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            return;
        }

        var workerId = requestStream.Current.StartStream.WorkerId;
        var channel = new WorkerChannel(loggers);
        if (!rendezvous.TryAttach(workerId, channel))
        {
            LogUnknownWorker(logger, workerId);
            return;
        }

        await channel.RunAsync(requestStream, responseStream, context.CancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A worker with unknown id {WorkerId} opened a stream; closed")]
    private static partial void LogUnknownWorker(ILogger logger, string workerId);
}
