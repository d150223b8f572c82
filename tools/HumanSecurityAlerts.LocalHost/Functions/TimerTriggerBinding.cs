namespace HumanSecurityAlerts.LocalHost.Functions;

/// <param name="Schedule">As the worker declares it, possibly a <c>%Setting%</c> expression.</param>
internal sealed record TimerTriggerBinding(string Name, string Schedule, bool RunOnStartup) : TriggerBinding(Name);
