namespace HumanSecurityAlerts.Subscriptions;

/// <param name="ContinuationToken">Null on the last page.</param>
public sealed record SubscriberPage(IReadOnlyList<IndexedSubscriber> Items, string? ContinuationToken);
