namespace HumanSecurityAlerts.Messaging;

internal sealed record DrainSettings(int MaxConcurrency, int ReceiveBatchSize, TimeSpan ReceiveWait, TimeSpan MaxDuration, TimeSpan LockRenewInterval);
