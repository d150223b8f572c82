namespace HumanSecurityAlerts.Publications;

/// <summary>Told when a send to the topic failed, so the outbox can be tried again before its timer comes round.</summary>
public interface IOutboxRetry
{
    void SendFailed();
}
