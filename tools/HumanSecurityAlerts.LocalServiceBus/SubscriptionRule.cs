namespace HumanSecurityAlerts.LocalServiceBus;

/// <summary>A subscription rule: a message matches when its correlation filter or SQL filter matches.</summary>
public sealed record SubscriptionRule(string Name)
{
    public CorrelationFilter? Correlation { get; init; }

    /// <summary>A SQL filter in the supported subset: comparisons with = or &lt;&gt;, IS [NOT] NULL, joined by AND.</summary>
    public string? SqlExpression { get; init; }
}
