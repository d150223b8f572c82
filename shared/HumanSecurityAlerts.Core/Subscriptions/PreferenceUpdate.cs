using System.Diagnostics.CodeAnalysis;
using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Subscriber">The subscriber as saved, or unchanged when the change was refused.</param>
/// <param name="Errors">Why the change was refused; none when it was saved.</param>
public sealed record PreferenceUpdate(Subscriber Subscriber, FieldErrors? Errors = null)
{
    [MemberNotNullWhen(false, nameof(Errors))]
    public bool Saved => Errors is null;
}
