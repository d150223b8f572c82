namespace HumanSecurityAlerts.Subscriptions;

/// <param name="Secret">The new signing secret, returned this once.</param>
/// <param name="PreviousSecretValidUntil">Until when the replaced secret keeps signing alongside it.</param>
public sealed record SecretRotation(Subscriber Subscriber, string Secret, DateTimeOffset PreviousSecretValidUntil);
