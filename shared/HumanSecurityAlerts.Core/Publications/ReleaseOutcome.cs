using HumanSecurityAlerts.Validation;

namespace HumanSecurityAlerts.Publications;

/// <param name="Publication">Null when <paramref name="Errors"/> is not empty.</param>
public sealed record ReleaseOutcome(FieldErrors Errors, Publication? Publication, bool Created);
