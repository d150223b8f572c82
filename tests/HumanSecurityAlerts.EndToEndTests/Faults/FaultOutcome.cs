namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>One scenario's figures, a row of the report.</summary>
public sealed record FaultOutcome(
    string Scenario,
    int Expected,
    int Lost,
    int EmailDuplicates,
    int WebhookDuplicates,
    int MostWebhookIdsPerDelivery,
    TimeSpan Recovery,
    int DeadLettered,
    int Warnings,
    int Errors,
    IReadOnlyList<string> TopLogLines,
    IReadOnlyList<string> Missing);
