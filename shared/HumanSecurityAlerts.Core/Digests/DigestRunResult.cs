namespace HumanSecurityAlerts.Digests;

public sealed record DigestRunResult(string Period, int Subscribers, int Sent, int AlreadySent, int Failed);
