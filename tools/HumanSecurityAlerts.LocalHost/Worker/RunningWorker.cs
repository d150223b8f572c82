namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>A worker that has initialized and loaded the functions.</summary>
/// <param name="HttpUri">Where its ASP.NET Core integration listens (the <c>HttpUri</c> capability), if it has one.</param>
/// <param name="FunctionIds">Function id by function name, as this worker indexed them.</param>
internal sealed record RunningWorker(WorkerProcess Process, WorkerChannel Channel, Uri? HttpUri, IReadOnlyDictionary<string, string> FunctionIds);
