namespace HumanSecurityAlerts.LocalHost.Worker;

/// <summary>The worker went away (it crashed or was stopped) before answering.</summary>
internal sealed class WorkerUnavailableException(string message) : Exception(message);
