namespace HumanSecurityAlerts.Subscriptions;

public enum TokenOutcome
{
    Ok,

    /// <summary>Unknown, malformed or already used.</summary>
    NotFound,

    Expired,

    /// <summary>A confirmation link that has already confirmed its subscription.</summary>
    AlreadyUsed,

    /// <summary>The token is fine but the operation does not apply (e.g. verifying an email subscriber).</summary>
    NotApplicable,
}
