namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A subscription rule: a message matches when its correlation filter or SQL filter matches.</summary>
public sealed record SubscriptionRule(string Name)
{
    public CorrelationFilter? Correlation { get; init; }

    /// <summary>A SQL filter in the subset <see cref="SqlMessageFilter"/> describes: comparisons, IS [NOT] NULL, EXISTS, AND / OR / NOT.</summary>
    public string? SqlExpression { get; init; }
}
