using HumanSecurityAlerts.Testing.Webhooks;

namespace HumanSecurityAlerts.EndToEndTests.Faults;

/// <summary>The suite's subscribers: webhook endpoints and email addresses, each following every pillar.</summary>
public sealed record Audience(IReadOnlyList<WebhookEndpoint> Webhooks, IReadOnlyList<string> Emails)
{
    public int Count => Webhooks.Count + Emails.Count;
}
