using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace HumanSecurityAlerts.Benchmarks.Harness;

/// <summary>
/// Times every HTTP request the app's <c>TableServiceClient</c> sends to Azurite, by kind, so a table shows real round
/// trips next to the app's logical calls (which the batchers coalesce).
/// </summary>
internal sealed class TableRequestProfile(CallProfile profile) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            profile.Record(Name(message.Request), start);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            profile.Record(Name(message.Request), start);
        }
    }

    private static string Name(Request request)
    {
        var path = request.Uri.Path;
        var kind = path.EndsWith("$batch", StringComparison.Ordinal) ? "transaction"
            : path.Contains("PartitionKey=", StringComparison.Ordinal) ? "single entity"
            : request.Method == RequestMethod.Get ? "query" : "table";
        return $"Azurite HTTP {request.Method} {kind}";
    }
}
